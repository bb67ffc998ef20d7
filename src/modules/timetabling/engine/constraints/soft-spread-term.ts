import { courseName, violation } from './describe.js';
import type { Constraint, Violation } from './types.js';

/**
 * soft.spread_term: per (course, week) the meetings above an even spread, i.e. above
 * ceil(meetings / weeks in the course's window). Only dated terms have more than one week.
 */
export const spreadTerm: Constraint = {
  id: 'soft.spread_term',
  kind: 'soft',
  defaultWeight: 1,
  description: 'meetings spread evenly over the weeks of the term',
  applies: (c) => c.nWeeks > 1,
  evaluate(c, p) {
    return this.explain(c, p).reduce((sum, v) => sum + v.cost, 0);
  },
  delta(st, m, s) {
    const c = st.c;
    const os = st.slot[m]!;
    const ow = os >= 0 ? c.slotWeek[os]! : -1;
    const nw = s >= 0 ? c.slotWeek[s]! : -1;
    if (ow === nw) return 0;
    const ci = c.meetingCourse[m]!;
    const t = c.courseWeekTarget[ci]!;
    const base = ci * c.nWeeks;
    let d = 0;
    if (ow >= 0 && st.courseWeek[base + ow]! > t) d--;
    if (nw >= 0 && st.courseWeek[base + nw]! >= t) d++;
    return d;
  },
  explain(c, p) {
    const count = new Int32Array(c.nCourses * c.nWeeks);
    for (let i = 0; i < p.course.length; i++)
      if (p.slot[i]! >= 0) count[p.course[i]! * c.nWeeks + c.slotWeek[p.slot[i]!]!]!++;
    const out: Violation[] = [];
    for (let ci = 0; ci < c.nCourses; ci++) {
      const t = c.courseWeekTarget[ci]!;
      for (let w = 0; w < c.nWeeks; w++) {
        const n = count[ci * c.nWeeks + w]!;
        if (n > t)
          out.push(
            violation(
              'soft.spread_term',
              n - t,
              `${courseName(c, ci)} meets ${n} times in week ${w + 1}, more than the even spread of ${t}`,
              { courses: [c.courseIds[ci]!] },
            ),
          );
      }
    }
    return out;
  },
};
