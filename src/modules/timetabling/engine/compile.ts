import type { Compiled } from './compiled.js';
import type { Problem, SlotRef } from './model.js';
import { buildTimeGrid, dayNumber, type TimeGrid } from './time-grid.js';

/** Problem errors name the entity and field at fault. */
export class ProblemError extends Error {
  override name = 'ProblemError';
}

function indexOf(ids: string[], what: string): Map<string, number> {
  const map = new Map<string, number>();
  ids.forEach((id, i) => {
    if (map.has(id)) throw new ProblemError(`duplicate ${what} id "${id}"`);
    map.set(id, i);
  });
  return map;
}

function csr(lists: number[][]): { start: Int32Array; list: Int32Array } {
  const start = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) start[i + 1] = start[i]! + lists[i]!.length;
  return { start, list: Int32Array.from(lists.flat()) };
}

/** Resolves a slot reference to the slots it covers (a date without period covers the whole day). */
export function resolveSlotRef(grid: TimeGrid, ref: SlotRef, where: string): number[] {
  const ppd = grid.periodsPerDay;
  const check = (d: number, p: number): number => {
    if (!(d >= 0 && d < grid.nDays && p >= 0 && p < ppd)) {
      throw new ProblemError(`${where}: slot (day ${d}, period ${p}) is outside the time grid`);
    }
    return d * ppd + p;
  };
  if ('slot' in ref) {
    if (!(ref.slot >= 0 && ref.slot < grid.nDays * ppd))
      throw new ProblemError(`${where}: slot ${ref.slot} out of range`);
    return [ref.slot];
  }
  if ('day' in ref) return [check(ref.day, ref.period)];
  if ('weekday' in ref) {
    const out: number[] = [];
    for (let d = 0; d < grid.nDays; d++) {
      if (grid.dayWeekday[d] !== ref.weekday) continue;
      if (ref.period === undefined) for (let p = 0; p < ppd; p++) out.push(d * ppd + p);
      else out.push(check(d, ref.period));
    }
    return out;
  }
  const d = grid.dayDates.indexOf(ref.date);
  // A date that is no teaching day (weekend, holiday) has no slots to block.
  if (d < 0) return [];
  if (ref.period === undefined) return Array.from({ length: ppd }, (_, p) => d * ppd + p);
  return [check(d, ref.period)];
}

function minutes(hhmm: string | null): number {
  if (!hhmm) return -1;
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new ProblemError(`expected a clock time HH:MM, got "${hhmm}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Compiles the user model into the compact solver form, validating references on the way. */
export function compile(problem: Problem): Compiled {
  const grid = buildTimeGrid(problem.time);
  const ppd = grid.periodsPerDay;
  const nSlots = grid.nDays * ppd;
  const courseIds = problem.courses.map((c) => c.id);
  const roomIds = problem.rooms.map((r) => r.id);
  const courseIndex = indexOf(courseIds, 'course');
  const roomIndex = indexOf(roomIds, 'room');
  const instructorIds = [...problem.instructors.map((i) => i.id)];
  const instructorIndex = indexOf(instructorIds, 'instructor');
  for (const c of problem.courses) {
    for (const t of c.instructors) {
      if (!instructorIndex.has(t)) {
        instructorIndex.set(t, instructorIds.length);
        instructorIds.push(t);
      }
    }
  }
  const curriculumIds = problem.curricula.map((q) => q.id);
  indexOf(curriculumIds, 'curriculum');
  const nC = courseIds.length;
  const nR = roomIds.length;
  const nI = instructorIds.length;

  const slotDay = new Int32Array(nSlots);
  const slotPeriod = new Int32Array(nSlots);
  const slotWeek = new Int32Array(nSlots);
  const slotCal = new Int32Array(nSlots);
  const slotEvening = new Uint8Array(nSlots);
  const evening = problem.eveningFrom ? minutes(problem.eveningFrom) : -1;
  for (let s = 0; s < nSlots; s++) {
    const d = Math.floor(s / ppd);
    const p = s % ppd;
    slotDay[s] = d;
    slotPeriod[s] = p;
    slotWeek[s] = grid.dayWeek[d]!;
    slotCal[s] = grid.dayCalendar[d]!;
    const start = minutes(grid.periodStarts[p] ?? null);
    slotEvening[s] = evening >= 0 && start >= evening ? 1 : 0;
  }

  const courseMeetings = new Int32Array(nC);
  const courseFirst = new Int32Array(nC + 1);
  const courseStudents = new Int32Array(nC);
  const courseMinDays = new Int32Array(nC);
  const courseMaxPerDay = new Int32Array(nC);
  const courseMinGap = new Int32Array(nC);
  const courseWeekTarget = new Int32Array(nC);
  const courseSlotUnavailable = new Uint8Array(nC * nSlots);
  const courseSlotOutsideWindow = new Uint8Array(nC * nSlots);
  const courseSlotPreferenceMiss = new Uint8Array(nC * nSlots);
  const courseRoomUnsuitable = new Uint8Array(nC * nR);
  const roomSlotUnavailable = new Uint8Array(nR * nSlots);
  const courseInstr: number[][] = [];
  const instrMeetings = new Int32Array(nI);

  const instrUnavail = problem.instructors.map((ins) =>
    (ins.unavailable ?? []).flatMap((r) =>
      resolveSlotRef(grid, r, `instructor ${ins.id} unavailable`),
    ),
  );
  const instrPreferred = problem.instructors.map((ins) =>
    ins.preferred && ins.preferred.length > 0
      ? new Set(
          ins.preferred.flatMap((r) => resolveSlotRef(grid, r, `instructor ${ins.id} preferred`)),
        )
      : null,
  );

  problem.courses.forEach((c, ci) => {
    const where = `course ${c.id}`;
    if (!(Number.isInteger(c.meetings) && c.meetings >= 0))
      throw new ProblemError(`${where}: meetings must be a non-negative integer`);
    if ((c.duration ?? 1) !== 1)
      throw new ProblemError(
        `${where}: duration ${c.duration} is not supported yet (only 1 period per meeting)`,
      );
    courseMeetings[ci] = c.meetings;
    courseFirst[ci + 1] = courseFirst[ci]! + c.meetings;
    courseStudents[ci] = c.students;
    courseMinDays[ci] = c.minDays ?? 0;
    courseMaxPerDay[ci] = c.maxPerDay ?? 0;
    courseMinGap[ci] = c.minGapDays ?? 0;
    const base = ci * nSlots;
    for (let s = 0; s < nSlots; s++) if (grid.blackout[s]) courseSlotUnavailable[base + s] = 1;
    for (const r of c.unavailable ?? [])
      for (const s of resolveSlotRef(grid, r, `${where} unavailable`))
        courseSlotUnavailable[base + s] = 1;
    const ins = [...new Set(c.instructors)].map((t) => instructorIndex.get(t)!);
    courseInstr.push(ins);
    for (const i of ins) {
      instrMeetings[i] = instrMeetings[i]! + c.meetings;
      for (const s of instrUnavail[i] ?? []) courseSlotUnavailable[base + s] = 1;
    }
    for (let s = 0; s < nSlots; s++) {
      let miss = 0;
      for (const i of ins) if (instrPreferred[i] && !instrPreferred[i]!.has(s)) miss++;
      courseSlotPreferenceMiss[base + s] = miss;
    }
    if (c.window && (c.window.from || c.window.to)) {
      const from = c.window.from ? dayNumber(c.window.from) : -Infinity;
      const to = c.window.to ? dayNumber(c.window.to) : Infinity;
      for (let s = 0; s < nSlots; s++) {
        const iso = grid.dayDates[slotDay[s]!];
        if (!iso) continue;
        const dn = dayNumber(iso);
        if (dn < from || dn > to) courseSlotOutsideWindow[base + s] = 1;
      }
    }
    let weeksInWindow = 0;
    const seen = new Set<number>();
    for (let s = 0; s < nSlots; s++) if (!courseSlotOutsideWindow[base + s]) seen.add(slotWeek[s]!);
    weeksInWindow = Math.max(1, seen.size);
    courseWeekTarget[ci] = Math.ceil(c.meetings / weeksInWindow);
    const need = new Set(c.features ?? []);
    problem.rooms.forEach((r, ri) => {
      const has = new Set(r.features ?? []);
      for (const f of need) if (!has.has(f)) courseRoomUnsuitable[ci * nR + ri] = 1;
    });
  });
  problem.rooms.forEach((r, ri) => {
    if (!(Number.isFinite(r.capacity) && r.capacity >= 0))
      throw new ProblemError(`room ${r.id}: capacity must be a non-negative number`);
    for (const ref of r.unavailable ?? [])
      for (const s of resolveSlotRef(grid, ref, `room ${r.id} unavailable`))
        roomSlotUnavailable[ri * nSlots + s] = 1;
  });

  const nM = courseFirst[nC]!;
  const meetingCourse = new Int32Array(nM);
  const meetingOrdinal = new Int32Array(nM);
  const pinnedSlot = new Int32Array(nM).fill(-1);
  const pinnedRoom = new Int32Array(nM).fill(-1);
  problem.courses.forEach((c, ci) => {
    for (let k = 0; k < c.meetings; k++) {
      const m = courseFirst[ci]! + k;
      meetingCourse[m] = ci;
      meetingOrdinal[m] = k;
      const pin = c.pinned?.[k];
      if (pin?.slot) {
        const slots = resolveSlotRef(grid, pin.slot, `course ${c.id} pin ${k}`);
        if (slots.length !== 1)
          throw new ProblemError(`course ${c.id} pin ${k}: must name exactly one slot`);
        pinnedSlot[m] = slots[0]!;
      }
      if (pin?.room) {
        const r = roomIndex.get(pin.room);
        if (r === undefined)
          throw new ProblemError(`course ${c.id} pin ${k}: unknown room "${pin.room}"`);
        pinnedRoom[m] = r;
      }
    }
  });

  const courseCurr: number[][] = courseIds.map(() => []);
  problem.curricula.forEach((q, qi) => {
    for (const id of q.courses) {
      const ci = courseIndex.get(id);
      if (ci === undefined) throw new ProblemError(`curriculum ${q.id}: unknown course "${id}"`);
      if (!courseCurr[ci]!.includes(qi)) courseCurr[ci]!.push(qi);
    }
  });
  const currConf: number[][] = courseIds.map(() => []);
  const instrConf: number[][] = courseIds.map(() => []);
  const currMembers: number[][] = curriculumIds.map(() => []);
  courseCurr.forEach((qs, ci) => {
    for (const q of qs) currMembers[q]!.push(ci);
  });
  const instrCourses: number[][] = instructorIds.map(() => []);
  courseInstr.forEach((is, ci) => {
    for (const i of is) instrCourses[i]!.push(ci);
  });
  for (let ci = 0; ci < nC; ci++) {
    const byCurr = new Set<number>();
    for (const q of courseCurr[ci]!) for (const o of currMembers[q]!) if (o !== ci) byCurr.add(o);
    const byInstr = new Set<number>();
    for (const i of courseInstr[ci]!)
      for (const o of instrCourses[i]!) if (o !== ci && !byCurr.has(o)) byInstr.add(o);
    currConf[ci] = [...byCurr].sort((a, b) => a - b);
    instrConf[ci] = [...byInstr].sort((a, b) => a - b);
  }
  const cc = csr(courseCurr);
  const ci2 = csr(courseInstr);
  const qc = csr(currConf);
  const ic = csr(instrConf);
  const instructorDailyTarget = Int32Array.from(instrMeetings, (n) =>
    Math.max(1, Math.ceil(n / grid.nDays)),
  );

  return {
    problem,
    grid,
    nSlots,
    nDays: grid.nDays,
    periodsPerDay: ppd,
    nWeeks: grid.nWeeks,
    slotDay,
    slotPeriod,
    slotWeek,
    slotCalendarDay: slotCal,
    slotEvening,
    nCourses: nC,
    nRooms: nR,
    nInstructors: nI,
    nCurricula: curriculumIds.length,
    nMeetings: nM,
    courseIds,
    roomIds,
    instructorIds,
    curriculumIds,
    courseIndex,
    roomIndex,
    courseMeetings,
    courseFirstMeeting: courseFirst,
    courseStudents,
    courseMinDays,
    courseMaxPerDay,
    courseMinGap,
    courseWeekTarget,
    meetingCourse,
    meetingOrdinal,
    meetingPinnedSlot: pinnedSlot,
    meetingPinnedRoom: pinnedRoom,
    courseCurriculaStart: cc.start,
    courseCurricula: cc.list,
    courseInstructorsStart: ci2.start,
    courseInstructors: ci2.list,
    currConflictStart: qc.start,
    currConflict: qc.list,
    instrConflictStart: ic.start,
    instrConflict: ic.list,
    roomCapacity: Int32Array.from(problem.rooms, (r) => r.capacity),
    courseSlotUnavailable,
    roomSlotUnavailable,
    courseRoomUnsuitable,
    courseSlotOutsideWindow,
    courseSlotPreferenceMiss,
    instructorDailyTarget,
    previousSlot: null,
    previousRoom: null,
    weights: { ...(problem.weights ?? {}) },
  };
}
