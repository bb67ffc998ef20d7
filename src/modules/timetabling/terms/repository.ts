import { asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '#platform/db/index.js';
import {
  type TermRow,
  ttBlackouts,
  ttConstraintWeights,
  ttCourses,
  ttCurricula,
  ttImports,
  ttInstructors,
  ttPeriods,
  ttRooms,
  ttSchedules,
  ttSlotRules,
  ttTerms,
  ttTermWeekdays,
} from '../tables.js';

export interface TermDetail extends TermRow {
  weekdays: number[];
  periods: Array<{ start: string | null; end: string | null }>;
  counts: {
    rooms: number;
    instructors: number;
    courses: number;
    curricula: number;
    schedules: number;
  };
}

const countOf = async (
  executor: Executor,
  table:
    | typeof ttRooms
    | typeof ttInstructors
    | typeof ttCourses
    | typeof ttCurricula
    | typeof ttSchedules,
  termId: string,
) => {
  const [row] = await executor.select({ n: count() }).from(table).where(eq(table.termId, termId));
  return row?.n ?? 0;
};

export async function findTerm(executor: Executor, id: string): Promise<TermDetail | undefined> {
  const [term] = await executor.select().from(ttTerms).where(eq(ttTerms.id, id));
  if (!term) return undefined;
  const [weekdays, periods, rooms, instructors, courses, curricula, schedules] = await Promise.all([
    executor
      .select()
      .from(ttTermWeekdays)
      .where(eq(ttTermWeekdays.termId, id))
      .orderBy(asc(ttTermWeekdays.weekday)),
    executor
      .select()
      .from(ttPeriods)
      .where(eq(ttPeriods.termId, id))
      .orderBy(asc(ttPeriods.position)),
    countOf(executor, ttRooms, id),
    countOf(executor, ttInstructors, id),
    countOf(executor, ttCourses, id),
    countOf(executor, ttCurricula, id),
    countOf(executor, ttSchedules, id),
  ]);
  return {
    ...term,
    weekdays: weekdays.map((w) => w.weekday),
    periods: periods.map((p) => ({ start: p.startsAt, end: p.endsAt })),
    counts: { rooms, instructors, courses, curricula, schedules },
  };
}

export async function listTermIds(
  executor: Executor,
  options: { afterId?: string; limit: number },
): Promise<string[]> {
  const rows = await executor
    .select({ id: ttTerms.id })
    .from(ttTerms)
    .where(options.afterId ? sql`${ttTerms.id} < ${options.afterId}::uuid` : undefined)
    .orderBy(desc(ttTerms.id))
    .limit(options.limit);
  return rows.map((r) => r.id);
}

export async function insertTerm(tx: Executor, values: typeof ttTerms.$inferInsert) {
  const [row] = await tx.insert(ttTerms).values(values).returning();
  return row!;
}

export async function updateTerm(
  tx: Executor,
  id: string,
  changes: Partial<typeof ttTerms.$inferInsert>,
) {
  await tx.update(ttTerms).set(changes).where(eq(ttTerms.id, id));
}

export async function deleteTerm(tx: Executor, id: string) {
  await tx.delete(ttTerms).where(eq(ttTerms.id, id));
}

export async function replacePeriods(
  tx: Executor,
  termId: string,
  periods: Array<{ start: string | null; end: string | null }>,
) {
  await tx.delete(ttPeriods).where(eq(ttPeriods.termId, termId));
  if (periods.length)
    await tx
      .insert(ttPeriods)
      .values(
        periods.map((p, position) => ({ termId, position, startsAt: p.start, endsAt: p.end })),
      );
}

export async function replaceWeekdays(tx: Executor, termId: string, weekdays: number[]) {
  await tx.delete(ttTermWeekdays).where(eq(ttTermWeekdays.termId, termId));
  if (weekdays.length)
    await tx
      .insert(ttTermWeekdays)
      .values([...new Set(weekdays)].map((weekday) => ({ termId, weekday })));
}

/** Empties a term of its grid and entities, before an import replaces them. */
export async function clearTermContents(tx: Executor, termId: string) {
  for (const table of [
    ttSlotRules,
    ttCurricula,
    ttCourses,
    ttInstructors,
    ttRooms,
    ttConstraintWeights,
    ttBlackouts,
    ttPeriods,
    ttTermWeekdays,
  ])
    await tx.delete(table).where(eq(table.termId, termId));
}

export async function insertImport(tx: Executor, values: typeof ttImports.$inferInsert) {
  const [row] = await tx.insert(ttImports).values(values).returning();
  return row!;
}

export async function listImports(executor: Executor, termId: string) {
  return executor
    .select()
    .from(ttImports)
    .where(eq(ttImports.termId, termId))
    .orderBy(desc(ttImports.createdAt), desc(ttImports.id));
}
