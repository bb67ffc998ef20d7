import { and, asc, eq, inArray } from 'drizzle-orm';
import { type Static, Type } from 'typebox';
import type { Executor } from '#platform/db/index.js';
import { type ErrorDetail, validationError } from '#platform/errors/index.js';
import { LimitQuerySchema } from '#platform/http/pagination.js';
import { ttPeriods, ttSlotRules, ttTerms, ttTermWeekdays } from '../tables.js';
import { termNotFound } from '../terms/service.js';

export const tags = ['timetabling'];
export const read = { permission: 'timetables:read' } as const;
export const manage = { permission: 'timetables:manage' } as const;
export const TermParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
/** `:id` the term and `:<key>` one of its entities. */
export const EntityParams = <K extends string>(key: K) =>
  Type.Object({
    id: Type.String({ format: 'uuid' }),
    ...({ [key]: Type.String({ format: 'uuid' }) } as Record<K, ReturnType<typeof Type.String>>),
  });
export const ListQuery = Type.Object(
  { ...LimitQuerySchema.properties },
  { additionalProperties: false },
);
export const ForceQuery = Type.Object(
  {
    force: Type.Optional(
      Type.Boolean({ default: false, description: 'detach it from what uses it, then delete' }),
    ),
  },
  { additionalProperties: false },
);

export const IsoDate = Type.String({ format: 'date', examples: ['2026-09-07'] });
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
export const CodeInput = Type.String({ minLength: 1, maxLength: 100 });
export const NameInput = Type.Optional(Nullable(Type.String({ maxLength: 200 })));
export const CodeList = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
  maxItems: 500,
});

/** A slot: weekly grids name `day` (0-based) and `period`; dated terms a `date` (period null: all day). */
export const SlotInput = Type.Object(
  {
    day: Type.Optional(Type.Integer({ minimum: 0, maximum: 6 })),
    date: Type.Optional(IsoDate),
    period: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 47 }))),
  },
  { additionalProperties: false, examples: [{ day: 0, period: 1 }] },
);
export type SlotInput = Static<typeof SlotInput>;
export const SlotList = Type.Array(SlotInput, { maxItems: 500 });
export const SlotSchema = Type.Object({
  day: Type.Optional(Type.Integer()),
  date: Type.Optional(Type.String({ format: 'date' })),
  period: Nullable(Type.Integer()),
});
export type SlotDto = Static<typeof SlotSchema>;

export async function requireTerm(executor: Executor, id: string) {
  const [row] = await executor.select({ id: ttTerms.id }).from(ttTerms).where(eq(ttTerms.id, id));
  if (!row) throw termNotFound();
}

/** What slots and dates of a term exist, to refuse the ones outside it. */
export interface TermGrid {
  kind: 'weekly' | 'dated';
  days: number;
  periods: number;
  startDate: string | null;
  endDate: string | null;
  weekdays: Set<number>;
}

/** The term's grid; 404 when the term does not exist. */
export async function termGrid(executor: Executor, termId: string): Promise<TermGrid> {
  const [term] = await executor.select().from(ttTerms).where(eq(ttTerms.id, termId));
  if (!term) throw termNotFound();
  const [periods, weekdays] = await Promise.all([
    executor.select({ p: ttPeriods.position }).from(ttPeriods).where(eq(ttPeriods.termId, termId)),
    executor
      .select({ w: ttTermWeekdays.weekday })
      .from(ttTermWeekdays)
      .where(eq(ttTermWeekdays.termId, termId)),
  ]);
  return {
    kind: term.kind === 'dated' ? 'dated' : 'weekly',
    days: term.days,
    periods: periods.length,
    startDate: term.startDate,
    endDate: term.endDate,
    weekdays: new Set(weekdays.map((w) => w.w)),
  };
}

const isoWeekday = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};

/** Why a date is not a teaching day of a dated term, or null when it is one. */
export function dateProblem(grid: TermGrid, date: string): string | null {
  if (grid.kind !== 'dated') return 'a weekly term has no dates; name a day';
  if (Number.isNaN(Date.parse(`${date}T00:00:00Z`))) return `"${date}" is not a date`;
  if (date < grid.startDate! || date > grid.endDate!)
    return `${date} is outside the term (${grid.startDate}..${grid.endDate})`;
  if (grid.weekdays.size && !grid.weekdays.has(isoWeekday(date)))
    return `${date} is not a teaching weekday of the term`;
  return null;
}

const periodProblem = (grid: TermGrid, period: number | null | undefined) =>
  period !== null && period !== undefined && period >= grid.periods
    ? `period ${period} is outside the grid (0..${grid.periods - 1})`
    : null;

/** Why a slot is outside the term's grid, or null when it is inside. */
export function slotProblem(grid: TermGrid, slot: SlotInput): string | null {
  if (grid.kind === 'weekly') {
    if (slot.date !== undefined || slot.day === undefined)
      return 'a weekly term names slots by day and period';
    if (slot.day >= grid.days) return `day ${slot.day} is outside the grid (0..${grid.days - 1})`;
    if (slot.period === null || slot.period === undefined) return 'period is required';
    return periodProblem(grid, slot.period);
  }
  if (slot.day !== undefined || slot.date === undefined)
    return 'a dated term names slots by date (and period)';
  return dateProblem(grid, slot.date) ?? periodProblem(grid, slot.period);
}

/** Details for each slot of `slots` outside the grid, at `${path}/${i}`. */
export const slotDetails = (
  grid: TermGrid,
  slots: SlotInput[] | undefined,
  path: string,
): ErrorDetail[] =>
  (slots ?? []).flatMap((slot, i) => {
    const message = slotProblem(grid, slot);
    return message ? [{ path: `${path}/${i}`, message }] : [];
  });

/** Details for each code of `codes` missing from `known`, at `${path}/${i}`. */
export const unknownCodes = (
  codes: string[] | undefined,
  known: Map<string, string>,
  path: string,
  what: string,
): ErrorDetail[] =>
  (codes ?? []).flatMap((code, i) =>
    known.has(code) ? [] : [{ path: `${path}/${i}`, message: `no ${what} "${code}" in this term` }],
  );

/** 400 naming every item whose key repeats an earlier one of the request. */
export function refuseDuplicates<T>(
  items: T[],
  keyOf: (item: T) => string,
  path: (i: number) => string,
  what: string,
  message: string,
) {
  const seen = new Map<string, number>();
  const duplicates = items.flatMap((item, i) => {
    const key = keyOf(item);
    const first = seen.get(key);
    seen.set(key, first ?? i);
    return first === undefined
      ? []
      : [{ path: path(i), message: `duplicate ${what} "${key}" (also item ${first})` }];
  });
  if (duplicates.length) throw validationError(message, duplicates);
}

/** Throws one 400 listing every detail, if any. */
export function refuseDetails(message: string, details: ErrorDetail[]) {
  if (details.length) throw validationError(message, details);
}

type RuleSubject = 'courseId' | 'instructorId' | 'roomId';

/** Replaces a course's or instructor's unavailable (or preferred) slots. */
export async function replaceSlotRules(
  tx: Executor,
  termId: string,
  subject: RuleSubject,
  id: string,
  preferred: boolean,
  slots: SlotInput[],
) {
  await tx
    .delete(ttSlotRules)
    .where(and(eq(ttSlotRules[subject], id), eq(ttSlotRules.preferred, preferred)));
  const unique = new Map(slots.map((s) => [`${s.day}|${s.date}|${s.period}`, s]));
  if (unique.size)
    await tx.insert(ttSlotRules).values(
      [...unique.values()].map((s) => ({
        termId,
        [subject]: id,
        preferred,
        day: s.day ?? null,
        date: s.date ?? null,
        period: s.period ?? null,
      })),
    );
}

/** The slot rules of some courses or instructors, by subject id and `preferred`. */
export async function slotRulesOf(executor: Executor, subject: RuleSubject, ids: string[]) {
  const rows = ids.length
    ? await executor
        .select()
        .from(ttSlotRules)
        .where(inArray(ttSlotRules[subject], ids))
        .orderBy(asc(ttSlotRules.day), asc(ttSlotRules.date), asc(ttSlotRules.period))
    : [];
  const of = (id: string, preferred: boolean): SlotDto[] =>
    rows
      .filter((r) => r[subject] === id && r.preferred === preferred)
      .map((r) =>
        r.date !== null ? { date: r.date, period: r.period } : { day: r.day!, period: r.period },
      );
  return of;
}

/** Groups rows' values by a key, keeping each group's values sorted. */
export function groupSorted<T>(rows: T[], key: (r: T) => string, value: (r: T) => string) {
  const groups = new Map<string, string[]>();
  for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), value(r)]);
  for (const list of groups.values()) list.sort();
  return (k: string) => groups.get(k) ?? [];
}
