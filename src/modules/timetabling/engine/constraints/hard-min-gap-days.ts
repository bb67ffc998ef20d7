import { courseName, slotLabel, violation } from './describe.js';
import type { Constraint, Violation } from './types.js';

/** hard.min_gap_days: per pair of a course's meetings on different days, 1 if fewer calendar days apart than required. */
export const minGapDays: Constraint = {
  id: 'hard.min_gap_days',
  kind: 'hard',
  defaultWeight: 1,
  description: "a course's meetings on different days are at least its minimum gap apart",
  applies: (c) => c.courseMinGap.some((g) => g > 1),
  evaluate(c, p) {
    return this.explain(c, p).length;
  },
  delta(st, m, s) {
    const c = st.c;
    const ci = c.meetingCourse[m]!;
    const gap = c.courseMinGap[ci]!;
    if (gap <= 1) return 0;
    const os = st.slot[m]!;
    if (os === s) return 0;
    let d = 0;
    for (let o = c.courseFirstMeeting[ci]!, e = c.courseFirstMeeting[ci + 1]!; o < e; o++) {
      const so = st.slot[o]!;
      if (o === m || so < 0) continue;
      if (os >= 0 && tooClose(c.slotDay, c.slotCalendarDay, os, so, gap)) d--;
      if (s >= 0 && tooClose(c.slotDay, c.slotCalendarDay, s, so, gap)) d++;
    }
    return d;
  },
  explain(c, p) {
    const out: Violation[] = [];
    const byCourse = new Map<number, number[]>();
    for (let i = 0; i < p.course.length; i++) {
      if (p.slot[i]! < 0 || c.courseMinGap[p.course[i]!]! <= 1) continue;
      const list = byCourse.get(p.course[i]!) ?? [];
      list.push(p.slot[i]!);
      byCourse.set(p.course[i]!, list);
    }
    for (const [ci, slots] of [...byCourse].sort((a, b) => a[0] - b[0])) {
      const gap = c.courseMinGap[ci]!;
      for (let a = 0; a < slots.length; a++) {
        for (let b = a + 1; b < slots.length; b++) {
          if (!tooClose(c.slotDay, c.slotCalendarDay, slots[a]!, slots[b]!, gap)) continue;
          out.push(
            violation(
              'hard.min_gap_days',
              1,
              `${courseName(c, ci)} meets ${slotLabel(c, slots[a]!)} and ${slotLabel(c, slots[b]!)}, less than ${gap} days apart`,
              {
                courses: [c.courseIds[ci]!],
                slots: [slotLabel(c, slots[a]!), slotLabel(c, slots[b]!)],
              },
            ),
          );
        }
      }
    }
    return out;
  },
};

function tooClose(day: Int32Array, cal: Int32Array, a: number, b: number, gap: number): boolean {
  if (day[a] === day[b]) return false;
  const diff = cal[a]! - cal[b]!;
  return (diff < 0 ? -diff : diff) < gap;
}
