import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '#platform/db/index.js';
import {
  buildTimeGrid,
  type Course,
  type Problem,
  type SlotRef,
  type TimeGrid,
  type TimeModel,
} from '../engine/index.js';
import {
  ttBlackouts,
  ttConstraintWeights,
  ttCourseFeatures,
  ttCourseInstructors,
  ttCourses,
  ttCurricula,
  ttCurriculumCourses,
  ttInstructors,
  ttPeriods,
  ttPins,
  ttRoomFeatures,
  ttRooms,
  ttSlotRules,
  ttTerms,
  ttTermWeekdays,
} from '../tables.js';

/** A slot reference as stored: a weekly `day` or a dated `date`, and a period (null: all day). */
interface StoredWhen {
  day: number | null;
  date: string | null;
  period: number | null;
}

function toStored(ref: SlotRef, periodsPerDay: number): StoredWhen {
  if ('slot' in ref)
    return {
      day: Math.floor(ref.slot / periodsPerDay),
      date: null,
      period: ref.slot % periodsPerDay,
    };
  if ('date' in ref) return { day: null, date: ref.date, period: ref.period ?? null };
  return { day: ref.day, date: null, period: ref.period };
}

/** The engine also takes `{weekday, period?}` (every such day of the term); the JSON schema allows it. */
type AnySlotRef = SlotRef | { weekday: number; period?: number };

/**
 * The stored rows of a slot rule. The tables keep days and dates only, so a weekday reference
 * becomes one row per teaching day on that weekday (dated terms: the date, all day when no
 * period is named; weekly grids: the day, every period when none is named), as the engine reads it.
 */
function toStoredRows(ref: AnySlotRef, grid: TimeGrid): StoredWhen[] {
  if (!('weekday' in ref)) return [toStored(ref, grid.periodsPerDay)];
  const rows: StoredWhen[] = [];
  for (let d = 0; d < grid.dayWeekday.length; d++) {
    if (grid.dayWeekday[d] !== ref.weekday) continue;
    const date = grid.dayDates[d] ?? null;
    if (date !== null) rows.push({ day: null, date, period: ref.period ?? null });
    else if (ref.period !== undefined) rows.push({ day: d, date: null, period: ref.period });
    else for (let p = 0; p < grid.periodsPerDay; p++) rows.push({ day: d, date: null, period: p });
  }
  return rows;
}

function fromStored(w: StoredWhen): SlotRef {
  if (w.date !== null)
    return w.period === null ? { date: w.date } : { date: w.date, period: w.period };
  return { day: w.day ?? 0, period: w.period ?? 0 };
}

const periodsOf = (time: TimeModel) =>
  time.kind === 'weekly' ? time.periodsPerDay : time.periods.length;

/** The term row's time columns for a problem's time model. */
export function termTimeColumns(time: TimeModel) {
  return time.kind === 'weekly'
    ? { kind: 'weekly', days: time.days, startDate: null, endDate: null }
    : { kind: 'dated', days: 5, startDate: time.start, endDate: time.end };
}

/** Writes a problem's time grid, entities and relations into an (empty) term. */
export async function insertProblem(tx: Executor, termId: string, problem: Problem) {
  const { time } = problem;
  const ppd = periodsOf(time);
  const grid = buildTimeGrid(time);
  const whenRows = (refs: readonly AnySlotRef[] | undefined) =>
    (refs ?? []).flatMap((ref) => toStoredRows(ref, grid));
  const periodRows =
    time.kind === 'weekly'
      ? Array.from({ length: ppd }, (_, p) => ({
          termId,
          position: p,
          startsAt: time.periodStarts?.[p] ?? null,
          endsAt: null,
        }))
      : time.periods.map((p, i) => ({ termId, position: i, startsAt: p.start, endsAt: p.end }));
  await tx.insert(ttPeriods).values(periodRows);
  if (time.kind === 'dated') {
    await tx
      .insert(ttTermWeekdays)
      .values([...new Set(time.weekdays)].map((weekday) => ({ termId, weekday })));
    const blackouts = [
      ...(time.holidays ?? []).map((date) => ({ termId, date, period: null })),
      ...(time.blackouts ?? []).map((b) => ({ termId, date: b.date, period: b.period })),
    ];
    if (blackouts.length) await tx.insert(ttBlackouts).values(blackouts);
  }

  const roomIds = new Map<string, string>();
  const instructorIds = new Map<string, string>();
  const courseIds = new Map<string, string>();
  const rules: Array<typeof ttSlotRules.$inferInsert> = [];

  if (problem.rooms.length) {
    const rows = await tx
      .insert(ttRooms)
      .values(
        problem.rooms.map((r) => ({
          termId,
          code: r.id,
          name: r.name ?? null,
          capacity: r.capacity,
        })),
      )
      .returning({ id: ttRooms.id, code: ttRooms.code });
    for (const r of rows) roomIds.set(r.code, r.id);
    const features = problem.rooms.flatMap((r) =>
      [...new Set(r.features ?? [])].map((feature) => ({ roomId: roomIds.get(r.id)!, feature })),
    );
    if (features.length) await tx.insert(ttRoomFeatures).values(features);
    for (const r of problem.rooms)
      for (const when of whenRows(r.unavailable))
        rules.push({ termId, roomId: roomIds.get(r.id)!, ...when });
  }

  // Instructors named only by courses exist too: the engine treats them as always available.
  const instructorCodes = new Map(problem.instructors.map((i) => [i.id, i]));
  for (const c of problem.courses)
    for (const code of c.instructors)
      if (!instructorCodes.has(code)) instructorCodes.set(code, { id: code });
  if (instructorCodes.size) {
    const rows = await tx
      .insert(ttInstructors)
      .values(
        [...instructorCodes.values()].map((i) => ({ termId, code: i.id, name: i.name ?? null })),
      )
      .returning({ id: ttInstructors.id, code: ttInstructors.code });
    for (const r of rows) instructorIds.set(r.code, r.id);
    for (const i of instructorCodes.values()) {
      for (const when of whenRows(i.unavailable))
        rules.push({ termId, instructorId: instructorIds.get(i.id)!, ...when });
      for (const when of whenRows(i.preferred))
        rules.push({ termId, instructorId: instructorIds.get(i.id)!, preferred: true, ...when });
    }
  }

  if (problem.courses.length) {
    const rows = await tx
      .insert(ttCourses)
      .values(problem.courses.map((c) => courseValues(termId, c)))
      .returning({ id: ttCourses.id, code: ttCourses.code });
    for (const r of rows) courseIds.set(r.code, r.id);
    const teaching = problem.courses.flatMap((c) =>
      [...new Set(c.instructors)].map((code) => ({
        courseId: courseIds.get(c.id)!,
        instructorId: instructorIds.get(code)!,
      })),
    );
    if (teaching.length) await tx.insert(ttCourseInstructors).values(teaching);
    const features = problem.courses.flatMap((c) =>
      [...new Set(c.features ?? [])].map((feature) => ({
        courseId: courseIds.get(c.id)!,
        feature,
      })),
    );
    if (features.length) await tx.insert(ttCourseFeatures).values(features);
    const pins = problem.courses.flatMap((c) =>
      (c.pinned ?? []).map((pin, meeting) => ({
        courseId: courseIds.get(c.id)!,
        meeting,
        ...(pin.slot ? toStored(pin.slot, ppd) : { day: null, date: null, period: null }),
        roomId: pin.room ? (roomIds.get(pin.room) ?? null) : null,
      })),
    );
    if (pins.length) await tx.insert(ttPins).values(pins);
    for (const c of problem.courses)
      for (const when of whenRows(c.unavailable))
        rules.push({ termId, courseId: courseIds.get(c.id)!, ...when });
  }
  if (rules.length) await tx.insert(ttSlotRules).values(rules);

  if (problem.curricula.length) {
    const rows = await tx
      .insert(ttCurricula)
      .values(problem.curricula.map((q) => ({ termId, code: q.id, name: q.name ?? null })))
      .returning({ id: ttCurricula.id, code: ttCurricula.code });
    const ids = new Map(rows.map((r) => [r.code, r.id]));
    const members = problem.curricula.flatMap((q) =>
      [...new Set(q.courses)].map((code) => ({
        curriculumId: ids.get(q.id)!,
        courseId: courseIds.get(code)!,
      })),
    );
    if (members.length) await tx.insert(ttCurriculumCourses).values(members);
  }
  const weights = Object.entries(problem.weights ?? {});
  if (weights.length)
    await tx
      .insert(ttConstraintWeights)
      .values(weights.map(([constraintId, weight]) => ({ termId, constraintId, weight })));
  return {
    rooms: roomIds.size,
    instructors: instructorIds.size,
    courses: courseIds.size,
    curricula: problem.curricula.length,
  };
}

function courseValues(termId: string, c: Course) {
  return {
    termId,
    code: c.id,
    name: c.name ?? null,
    meetings: c.meetings,
    duration: c.duration ?? 1,
    students: c.students,
    minDays: c.minDays ?? 1,
    maxPerDay: c.maxPerDay ?? null,
    minGapDays: c.minGapDays ?? null,
    windowFrom: c.window?.from ?? null,
    windowTo: c.window?.to ?? null,
  };
}

/** The ids of a term's entities by their codes, as loaded with its problem. */
export interface TermIds {
  courseId: Map<string, string>;
  roomId: Map<string, string>;
  courseCode: Map<string, string>;
  roomCode: Map<string, string>;
}

/** Reads a term back as the engine's problem, with the row ids of its codes. */
export async function loadProblem(
  executor: Executor,
  termId: string,
): Promise<{ problem: Problem; ids: TermIds } | undefined> {
  const [term] = await executor.select().from(ttTerms).where(eq(ttTerms.id, termId));
  if (!term) return undefined;
  const [periods, weekdays, blackouts, rooms, instructors, courses, curricula, weights, rules] =
    await Promise.all([
      executor
        .select()
        .from(ttPeriods)
        .where(eq(ttPeriods.termId, termId))
        .orderBy(asc(ttPeriods.position)),
      executor.select().from(ttTermWeekdays).where(eq(ttTermWeekdays.termId, termId)),
      executor.select().from(ttBlackouts).where(eq(ttBlackouts.termId, termId)),
      executor.select().from(ttRooms).where(eq(ttRooms.termId, termId)).orderBy(asc(ttRooms.code)),
      executor
        .select()
        .from(ttInstructors)
        .where(eq(ttInstructors.termId, termId))
        .orderBy(asc(ttInstructors.code)),
      executor
        .select()
        .from(ttCourses)
        .where(eq(ttCourses.termId, termId))
        .orderBy(asc(ttCourses.code)),
      executor
        .select()
        .from(ttCurricula)
        .where(eq(ttCurricula.termId, termId))
        .orderBy(asc(ttCurricula.code)),
      executor.select().from(ttConstraintWeights).where(eq(ttConstraintWeights.termId, termId)),
      executor.select().from(ttSlotRules).where(eq(ttSlotRules.termId, termId)),
    ]);
  const courseRowIds = courses.map((c) => c.id);
  const roomRowIds = rooms.map((r) => r.id);
  const curriculumRowIds = curricula.map((q) => q.id);
  const [teaching, courseFeatures, roomFeatures, members, pins] = await Promise.all([
    courseRowIds.length
      ? executor
          .select()
          .from(ttCourseInstructors)
          .where(inArray(ttCourseInstructors.courseId, courseRowIds))
      : [],
    courseRowIds.length
      ? executor
          .select()
          .from(ttCourseFeatures)
          .where(inArray(ttCourseFeatures.courseId, courseRowIds))
      : [],
    roomRowIds.length
      ? executor.select().from(ttRoomFeatures).where(inArray(ttRoomFeatures.roomId, roomRowIds))
      : [],
    curriculumRowIds.length
      ? executor
          .select()
          .from(ttCurriculumCourses)
          .where(inArray(ttCurriculumCourses.curriculumId, curriculumRowIds))
      : [],
    courseRowIds.length
      ? executor
          .select()
          .from(ttPins)
          .where(inArray(ttPins.courseId, courseRowIds))
          .orderBy(asc(ttPins.meeting))
      : [],
  ]);
  const courseCode = new Map(courses.map((c) => [c.id, c.code]));
  const roomCode = new Map(rooms.map((r) => [r.id, r.code]));
  const instructorCode = new Map(instructors.map((i) => [i.id, i.code]));
  const group = <T, K>(rows: T[], key: (r: T) => K) => {
    const m = new Map<K, T[]>();
    for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
    return m;
  };
  const rulesBy = (pick: (r: (typeof rules)[number]) => string | null, preferred: boolean) =>
    group(
      rules.filter((r) => pick(r) !== null && r.preferred === preferred),
      (r) => pick(r)!,
    );
  const courseRules = rulesBy((r) => r.courseId, false);
  const roomRules = rulesBy((r) => r.roomId, false);
  const instructorRules = rulesBy((r) => r.instructorId, false);
  const instructorPrefs = rulesBy((r) => r.instructorId, true);
  const teachingBy = group(teaching, (t) => t.courseId);
  const featuresBy = group(courseFeatures, (f) => f.courseId);
  const roomFeaturesBy = group(roomFeatures, (f) => f.roomId);
  const membersBy = group(members, (m) => m.curriculumId);
  const pinsBy = group(pins, (p) => p.courseId);
  const holidays = blackouts.filter((b) => b.period === null).map((b) => b.date);
  const time: TimeModel =
    term.kind === 'weekly'
      ? {
          kind: 'weekly',
          days: term.days,
          periodsPerDay: periods.length,
          ...(periods.some((p) => p.startsAt)
            ? { periodStarts: periods.map((p) => p.startsAt ?? '') }
            : {}),
        }
      : {
          kind: 'dated',
          start: term.startDate!,
          end: term.endDate!,
          weekdays: weekdays.map((w) => w.weekday).sort(),
          periods: periods.map((p) => ({ start: p.startsAt ?? '00:00', end: p.endsAt ?? '00:00' })),
          holidays,
          blackouts: blackouts
            .filter((b) => b.period !== null)
            .map((b) => ({ date: b.date, period: b.period! })),
        };
  const refs = (rows: StoredWhen[] | undefined) => (rows ?? []).map(fromStored);
  const problem: Problem = {
    name: term.name,
    time,
    rooms: rooms.map((r) => ({
      id: r.code,
      ...(r.name ? { name: r.name } : {}),
      capacity: r.capacity,
      features: (roomFeaturesBy.get(r.id) ?? []).map((f) => f.feature),
      unavailable: refs(roomRules.get(r.id)),
    })),
    instructors: instructors.map((i) => ({
      id: i.code,
      ...(i.name ? { name: i.name } : {}),
      unavailable: refs(instructorRules.get(i.id)),
      preferred: refs(instructorPrefs.get(i.id)),
    })),
    courses: courses.map((c) => {
      const pinned = (pinsBy.get(c.id) ?? []).map((p) => ({
        ...(p.day !== null || p.date !== null ? { slot: fromStored(p) } : {}),
        ...(p.roomId ? { room: roomCode.get(p.roomId)! } : {}),
      }));
      return {
        id: c.code,
        ...(c.name ? { name: c.name } : {}),
        meetings: c.meetings,
        duration: c.duration,
        students: c.students,
        minDays: c.minDays,
        instructors: (teachingBy.get(c.id) ?? []).map((t) => instructorCode.get(t.instructorId)!),
        features: (featuresBy.get(c.id) ?? []).map((f) => f.feature),
        unavailable: refs(courseRules.get(c.id)),
        ...(c.maxPerDay !== null ? { maxPerDay: c.maxPerDay } : {}),
        ...(c.minGapDays !== null ? { minGapDays: c.minGapDays } : {}),
        ...(c.windowFrom || c.windowTo
          ? {
              window: {
                ...(c.windowFrom ? { from: c.windowFrom } : {}),
                ...(c.windowTo ? { to: c.windowTo } : {}),
              },
            }
          : {}),
        ...(pinned.length ? { pinned } : {}),
      };
    }),
    curricula: curricula.map((q) => ({
      id: q.code,
      ...(q.name ? { name: q.name } : {}),
      courses: (membersBy.get(q.id) ?? []).map((m) => courseCode.get(m.courseId)!),
    })),
    weights: Object.fromEntries(weights.map((w) => [w.constraintId, w.weight])),
    ...(term.eveningFrom ? { eveningFrom: term.eveningFrom } : {}),
  };
  return {
    problem,
    ids: {
      courseId: new Map(courses.map((c) => [c.code, c.id])),
      roomId: new Map(rooms.map((r) => [r.code, r.id])),
      courseCode,
      roomCode,
    },
  };
}
