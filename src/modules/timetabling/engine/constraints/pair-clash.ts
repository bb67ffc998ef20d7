import type { Placements } from '../assignment.js';
import type { Compiled } from '../compiled.js';
import type { TimetableState } from '../state.js';

/**
 * Shared logic of the two clash constraints: a pair of distinct courses on one adjacency list
 * counts 1 per slot where both meet, however many meetings each has there (ITC "Conflicts").
 */
export function pairClashPairs(
  c: Compiled,
  p: Placements,
  start: Int32Array,
  list: Int32Array,
): Array<[number, number, number]> {
  const present = new Uint8Array(c.nCourses * c.nSlots);
  for (let i = 0; i < p.course.length; i++)
    if (p.slot[i]! >= 0) present[p.course[i]! * c.nSlots + p.slot[i]!] = 1;
  const pairs: Array<[number, number, number]> = [];
  for (let s = 0; s < c.nSlots; s++) {
    for (let a = 0; a < c.nCourses; a++) {
      if (!present[a * c.nSlots + s]) continue;
      for (let k = start[a]!, e = start[a + 1]!; k < e; k++) {
        const b = list[k]!;
        if (b > a && present[b * c.nSlots + s]) pairs.push([a, b, s]);
      }
    }
  }
  return pairs;
}

export function pairClashDelta(
  st: TimetableState,
  m: number,
  s: number,
  start: Int32Array,
  list: Int32Array,
): number {
  const os = st.slot[m]!;
  if (os === s) return 0;
  const c = st.c;
  const nS = c.nSlots;
  const ci = c.meetingCourse[m]!;
  const cs = st.courseSlot;
  const k0 = start[ci]!;
  const k1 = start[ci + 1]!;
  let d = 0;
  if (os >= 0 && cs[ci * nS + os] === 1) {
    for (let k = k0; k < k1; k++) if (cs[list[k]! * nS + os]! > 0) d--;
  }
  if (s >= 0 && cs[ci * nS + s] === 0) {
    for (let k = k0; k < k1; k++) if (cs[list[k]! * nS + s]! > 0) d++;
  }
  return d;
}
