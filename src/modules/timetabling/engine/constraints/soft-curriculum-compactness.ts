import type { TimetableState } from '../state.js';
import { courseName, curriculumName, slotLabel, violation } from './describe.js';
import type { Constraint, Violation } from './types.js';

/**
 * soft.curriculum_compactness (ITC S3): for each curriculum and slot with n > 0 meetings and no
 * meeting of the curriculum in the adjacent slots of the same day, add n.
 */
export const curriculumCompactness: Constraint = {
  id: 'soft.curriculum_compactness',
  kind: 'soft',
  defaultWeight: 2,
  description:
    'no isolated meetings in a curriculum (a day without an adjacent meeting of the same curriculum)',
  applies: (c) => c.nCurricula > 0 && c.periodsPerDay > 1,
  evaluate(c, p) {
    return this.explain(c, p).reduce((sum, v) => sum + v.cost, 0);
  },
  delta(st, m, s) {
    const os = st.slot[m]!;
    if (os === s) return 0;
    const c = st.c;
    const ci = c.meetingCourse[m]!;
    const k0 = c.courseCurriculaStart[ci]!;
    const k1 = c.courseCurriculaStart[ci + 1]!;
    if (k0 === k1) return 0;
    const nS = c.nSlots;
    const cs = st.currSlot;
    let d = 0;
    for (let k = k0; k < k1; k++) {
      const base = c.courseCurricula[k]! * nS;
      // Apply the move to this curriculum's counts, measure the affected windows, then undo.
      const before = windowCost(st, base, os, s);
      if (os >= 0) cs[base + os]!--;
      if (s >= 0) cs[base + s]!++;
      const after = windowCost(st, base, os, s);
      if (os >= 0) cs[base + os]!++;
      if (s >= 0) cs[base + s]!--;
      d += after - before;
    }
    return d;
  },
  explain(c, p) {
    const counts = new Int32Array(c.nCurricula * c.nSlots);
    const courses: number[][] = Array.from({ length: c.nCurricula * c.nSlots }, () => []);
    for (let i = 0; i < p.course.length; i++) {
      const s = p.slot[i]!;
      if (s < 0) continue;
      const ci = p.course[i]!;
      for (let k = c.courseCurriculaStart[ci]!; k < c.courseCurriculaStart[ci + 1]!; k++) {
        const key = c.courseCurricula[k]! * c.nSlots + s;
        counts[key]!++;
        courses[key]!.push(ci);
      }
    }
    const out: Violation[] = [];
    for (let q = 0; q < c.nCurricula; q++) {
      for (let s = 0; s < c.nSlots; s++) {
        const n = isolated(counts, q * c.nSlots, s, c.slotPeriod[s]!, c.periodsPerDay);
        if (n === 0) continue;
        const names = courses[q * c.nSlots + s]!.map((ci) => courseName(c, ci));
        out.push(
          violation(
            'soft.curriculum_compactness',
            n,
            `${names.join(' and ')} (curriculum ${curriculumName(c, q)}) at ${slotLabel(c, s)} has no adjacent meeting of the curriculum that day`,
            {
              courses: courses[q * c.nSlots + s]!.map((ci) => c.courseIds[ci]!),
              curricula: [c.curriculumIds[q]!],
              slots: [slotLabel(c, s)],
            },
          ),
        );
      }
    }
    return out;
  },
};

function isolated(cs: Int32Array, base: number, s: number, period: number, ppd: number): number {
  const n = cs[base + s]!;
  if (n === 0) return 0;
  if (period > 0 && cs[base + s - 1]! > 0) return 0;
  if (period < ppd - 1 && cs[base + s + 1]! > 0) return 0;
  return n;
}

/** Isolation cost of the slots whose status a move between a and b can change (each counted once). */
export function windowCost(st: TimetableState, base: number, a: number, b: number): number {
  const c = st.c;
  const ppd = c.periodsPerDay;
  const sp = c.slotPeriod;
  const cs = st.currSlot;
  if (a >= 0 && b >= 0 && c.slotDay[a] === c.slotDay[b] && (a > b ? a - b : b - a) <= 2) {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    return rangeCost(cs, base, lo, hi, sp, ppd);
  }
  let sum = 0;
  if (a >= 0) sum += rangeCost(cs, base, a, a, sp, ppd);
  if (b >= 0) sum += rangeCost(cs, base, b, b, sp, ppd);
  return sum;
}

function rangeCost(
  cs: Int32Array,
  base: number,
  lo: number,
  hi: number,
  sp: Int32Array,
  ppd: number,
): number {
  const from = sp[lo]! > 0 ? lo - 1 : lo;
  const to = sp[hi]! < ppd - 1 ? hi + 1 : hi;
  let sum = 0;
  for (let s = from; s <= to; s++) sum += isolated(cs, base, s, sp[s]!, ppd);
  return sum;
}
