import { windowCost } from './constraints/soft-curriculum-compactness.js';
import type { TimetableState } from './state.js';

/** The constraints `fusedDelta` covers: the ITC-2007 set. Problems using only these take the fast path. */
export const FUSED_IDS = new Set([
  'hard.all_scheduled',
  'hard.no_room_clash',
  'hard.no_curriculum_clash',
  'hard.no_instructor_clash',
  'hard.availability',
  'soft.room_capacity',
  'soft.min_working_days',
  'soft.curriculum_compactness',
  'soft.room_stability',
]);

export interface FusedWeights {
  capacity: number;
  minDays: number;
  compactness: number;
  stability: number;
}

/**
 * The same deltas as the registry's files for the ITC-2007 constraints, in one pass without
 * dynamic dispatch (the solvers' hot loop; the property tests hold it equal to the registry).
 * Writes hard into out[0] and weighted soft into out[1].
 */
export function fusedDelta(
  st: TimetableState,
  m: number,
  s: number,
  r: number,
  w: FusedWeights,
  out: Float64Array,
  hardOnly = false,
): void {
  const c = st.c;
  const nS = c.nSlots;
  const ci = c.meetingCourse[m]!;
  const os = st.slot[m]!;
  const or = os >= 0 ? st.room[m]! : -1;
  if (s < 0) r = -1;
  let hard = 0;
  let soft = 0;
  const cs = st.courseSlot;
  const base = ci * nS;
  if (os !== s) {
    // hard.all_scheduled
    const dist = st.courseDistinct[ci]!;
    const req = c.courseMeetings[ci]!;
    const leaves = os >= 0 && cs[base + os] === 1;
    const enters = s >= 0 && cs[base + s] === 0;
    const nd = dist - (leaves ? 1 : 0) + (enters ? 1 : 0);
    hard += Math.abs(nd - req) - Math.abs(dist - req);
    // hard.no_curriculum_clash + hard.no_instructor_clash
    if (leaves || enters) {
      hard += clash(
        cs,
        nS,
        c.currConflictStart,
        c.currConflict,
        ci,
        leaves ? os : -1,
        enters ? s : -1,
      );
      hard += clash(
        cs,
        nS,
        c.instrConflictStart,
        c.instrConflict,
        ci,
        leaves ? os : -1,
        enters ? s : -1,
      );
    }
    // hard.availability (course part)
    if (os >= 0) hard -= c.courseSlotUnavailable[base + os]!;
    if (s >= 0) hard += c.courseSlotUnavailable[base + s]!;
    if (hardOnly) {
      // skip the soft part
    } else {
      // soft.min_working_days
      const od = os >= 0 ? c.slotDay[os]! : -1;
      const ndy = s >= 0 ? c.slotDay[s]! : -1;
      if (od !== ndy && w.minDays > 0) {
        const days = st.courseDays[ci]!;
        const dbase = ci * c.nDays;
        let after = days;
        if (od >= 0 && st.courseDay[dbase + od] === 1) after--;
        if (ndy >= 0 && st.courseDay[dbase + ndy] === 0) after++;
        const min = c.courseMinDays[ci]!;
        soft += w.minDays * ((min > after ? min - after : 0) - (min > days ? min - days : 0));
      }
      // soft.curriculum_compactness
      if (w.compactness > 0) {
        const cur = st.currSlot;
        let d = 0;
        for (let k = c.courseCurriculaStart[ci]!, e = c.courseCurriculaStart[ci + 1]!; k < e; k++) {
          const qb = c.courseCurricula[k]! * nS;
          const before = windowCost(st, qb, os, s);
          if (os >= 0) cur[qb + os]!--;
          if (s >= 0) cur[qb + s]!++;
          const after = windowCost(st, qb, os, s);
          if (os >= 0) cur[qb + os]!++;
          if (s >= 0) cur[qb + s]!--;
          d += after - before;
        }
        soft += w.compactness * d;
      }
    }
  }
  if (os !== s || or !== r) {
    // hard.no_room_clash
    if (or >= 0 && st.roomSlot[or * nS + os]! > 1) hard--;
    if (r >= 0 && st.roomSlot[r * nS + s]! > 0) hard++;
    // hard.availability (room part)
    if (or >= 0) hard -= c.roomSlotUnavailable[or * nS + os]!;
    if (r >= 0) hard += c.roomSlotUnavailable[r * nS + s]!;
    if (!hardOnly) {
      // soft.room_capacity
      const students = c.courseStudents[ci]!;
      if (or >= 0) {
        const over = students - c.roomCapacity[or]!;
        if (over > 0) soft -= w.capacity * over;
      }
      if (r >= 0) {
        const over = students - c.roomCapacity[r]!;
        if (over > 0) soft += w.capacity * over;
      }
      // soft.room_stability
      if (or !== r && w.stability > 0) {
        const rooms = st.courseRooms[ci]!;
        const rb = ci * c.nRooms;
        let after = rooms;
        if (or >= 0 && st.courseRoom[rb + or] === 1) after--;
        if (r >= 0 && st.courseRoom[rb + r] === 0) after++;
        soft += w.stability * ((after > 0 ? after - 1 : 0) - (rooms > 0 ? rooms - 1 : 0));
      }
    }
  }
  out[0] = hard;
  out[1] = soft;
}

function clash(
  cs: Int32Array,
  nS: number,
  start: Int32Array,
  list: Int32Array,
  ci: number,
  from: number,
  to: number,
): number {
  let d = 0;
  for (let k = start[ci]!, e = start[ci + 1]!; k < e; k++) {
    const ob = list[k]! * nS;
    if (from >= 0 && cs[ob + from]! > 0) d--;
    if (to >= 0 && cs[ob + to]! > 0) d++;
  }
  return d;
}
