import { and, asc, desc, eq } from 'drizzle-orm';
import type { Executor } from '#platform/db/index.js';
import type { BreakdownItem } from '../engine/index.js';
import { ttAssignments, ttScheduleCosts, ttSchedules } from '../tables.js';

export interface NewSchedule {
  termId: string;
  name: string;
  origin: 'solve' | 'manual' | 'import' | 'resolve' | 'duplicate';
  solveId?: string | null;
  hard: number;
  soft: number;
  breakdown: Record<string, BreakdownItem>;
  meetings: Array<{
    courseId: string;
    meeting: number;
    slot: number | null;
    roomId: string | null;
  }>;
  createdBy: string | null;
}

/** Writes a schedule with its costs and one row per meeting. */
export async function insertSchedule(tx: Executor, s: NewSchedule) {
  const [row] = await tx
    .insert(ttSchedules)
    .values({
      termId: s.termId,
      name: s.name,
      origin: s.origin,
      solveId: s.solveId ?? null,
      hard: s.hard,
      soft: s.soft,
      createdBy: s.createdBy,
      updatedBy: s.createdBy,
    })
    .returning();
  const costs = Object.entries(s.breakdown).map(([constraintId, b]) => ({
    scheduleId: row!.id,
    constraintId,
    hard: b.kind === 'hard',
    cost: Math.round(b.cost),
    count: b.count,
  }));
  if (costs.length) await tx.insert(ttScheduleCosts).values(costs);
  for (let i = 0; i < s.meetings.length; i += 1000)
    await tx
      .insert(ttAssignments)
      .values(s.meetings.slice(i, i + 1000).map((m) => ({ scheduleId: row!.id, ...m })));
  return row!;
}

export async function findSchedule(executor: Executor, id: string) {
  const [row] = await executor.select().from(ttSchedules).where(eq(ttSchedules.id, id));
  return row;
}

export async function listSchedules(executor: Executor, termId: string) {
  return executor
    .select()
    .from(ttSchedules)
    .where(eq(ttSchedules.termId, termId))
    .orderBy(desc(ttSchedules.createdAt), desc(ttSchedules.id));
}

export async function scheduleCosts(executor: Executor, scheduleId: string) {
  return executor
    .select()
    .from(ttScheduleCosts)
    .where(eq(ttScheduleCosts.scheduleId, scheduleId))
    .orderBy(asc(ttScheduleCosts.constraintId));
}

export async function scheduleMeetings(executor: Executor, scheduleId: string) {
  return executor
    .select()
    .from(ttAssignments)
    .where(eq(ttAssignments.scheduleId, scheduleId))
    .orderBy(asc(ttAssignments.courseId), asc(ttAssignments.meeting));
}

/** Makes `id` its term's one published schedule. */
export async function publishSchedule(tx: Executor, termId: string, id: string, at: Date) {
  await tx
    .update(ttSchedules)
    .set({ published: false, publishedAt: null })
    .where(and(eq(ttSchedules.termId, termId), eq(ttSchedules.published, true)));
  await tx
    .update(ttSchedules)
    .set({ published: true, publishedAt: at })
    .where(eq(ttSchedules.id, id));
}

/** Moves meetings of a schedule (rows by id) and adds rows for meetings it lacked. */
export async function saveMeetings(
  tx: Executor,
  scheduleId: string,
  changed: Array<{ id: string; slot: number | null; roomId: string | null }>,
  added: Array<{ courseId: string; meeting: number; slot: number | null; roomId: string | null }>,
) {
  for (const m of changed)
    await tx
      .update(ttAssignments)
      .set({ slot: m.slot, roomId: m.roomId })
      .where(and(eq(ttAssignments.id, m.id), eq(ttAssignments.scheduleId, scheduleId)));
  if (added.length) await tx.insert(ttAssignments).values(added.map((m) => ({ scheduleId, ...m })));
}

/** Replaces a schedule's evaluation (totals and per-constraint costs) and records its origin. */
export async function saveEvaluation(
  tx: Executor,
  scheduleId: string,
  e: {
    hard: number;
    soft: number;
    breakdown: Record<string, BreakdownItem>;
    origin: NewSchedule['origin'];
    by: string | null;
  },
) {
  await tx
    .update(ttSchedules)
    .set({
      hard: Math.round(e.hard),
      soft: Math.round(e.soft),
      origin: e.origin,
      updatedBy: e.by,
    })
    .where(eq(ttSchedules.id, scheduleId));
  await tx.delete(ttScheduleCosts).where(eq(ttScheduleCosts.scheduleId, scheduleId));
  const costs = Object.entries(e.breakdown).map(([constraintId, b]) => ({
    scheduleId,
    constraintId,
    hard: b.kind === 'hard',
    cost: Math.round(b.cost),
    count: b.count,
  }));
  if (costs.length) await tx.insert(ttScheduleCosts).values(costs);
}

/** Locks a schedule's row for the unit of work, so concurrent edits apply one after another. */
export async function lockSchedule(tx: Executor, id: string) {
  await tx
    .select({ id: ttSchedules.id })
    .from(ttSchedules)
    .where(eq(ttSchedules.id, id))
    .for('update');
}
