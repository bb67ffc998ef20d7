import { courseName, dayLabel, violation } from './describe.js';
import type { Constraint, Violation } from './types.js';

/** hard.max_per_day: per (course, day) the meetings above the course's daily maximum. */
export const maxPerDay: Constraint = {
  id: 'hard.max_per_day',
  kind: 'hard',
  defaultWeight: 1,
  description: 'no more meetings of a course on one day than its maximum',
  applies: (c) => c.courseMaxPerDay.some((v) => v > 0),
  evaluate(c, p) {
    return this.explain(c, p).reduce((sum, v) => sum + v.cost, 0);
  },
  delta(st, m, s) {
    const c = st.c;
    const ci = c.meetingCourse[m]!;
    const max = c.courseMaxPerDay[ci]!;
    if (max === 0) return 0;
    const os = st.slot[m]!;
    const od = os >= 0 ? c.slotDay[os]! : -1;
    const nd = s >= 0 ? c.slotDay[s]! : -1;
    if (od === nd) return 0;
    const base = ci * c.nDays;
    let d = 0;
    if (od >= 0 && st.courseDay[base + od]! > max) d--;
    if (nd >= 0 && st.courseDay[base + nd]! >= max) d++;
    return d;
  },
  explain(c, p) {
    const count = new Int32Array(c.nCourses * c.nDays);
    for (let i = 0; i < p.course.length; i++)
      if (p.slot[i]! >= 0) count[p.course[i]! * c.nDays + c.slotDay[p.slot[i]!]!]!++;
    const out: Violation[] = [];
    for (let ci = 0; ci < c.nCourses; ci++) {
      const max = c.courseMaxPerDay[ci]!;
      if (max === 0) continue;
      for (let d = 0; d < c.nDays; d++) {
        const n = count[ci * c.nDays + d]!;
        if (n > max) {
          out.push(
            violation(
              'hard.max_per_day',
              n - max,
              `${courseName(c, ci)} meets ${n} times on ${dayLabel(c, d)}, at most ${max} allowed`,
              { courses: [c.courseIds[ci]!] },
            ),
          );
        }
      }
    }
    return out;
  },
};
