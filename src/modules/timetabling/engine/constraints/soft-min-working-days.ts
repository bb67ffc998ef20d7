import { courseName, violation } from './describe.js';
import type { Constraint, Violation } from './types.js';

/** soft.min_working_days (ITC S2): per course, days short of its minimum number of distinct days. */
export const minWorkingDays: Constraint = {
  id: 'soft.min_working_days',
  kind: 'soft',
  defaultWeight: 5,
  description: 'courses spread over at least their minimum number of days',
  applies: (c) => c.courseMinDays.some((v) => v > 0),
  evaluate(c, p) {
    return this.explain(c, p).reduce((sum, v) => sum + v.cost, 0);
  },
  delta(st, m, s) {
    const c = st.c;
    const ci = c.meetingCourse[m]!;
    const min = c.courseMinDays[ci]!;
    const os = st.slot[m]!;
    const od = os >= 0 ? c.slotDay[os]! : -1;
    const nd = s >= 0 ? c.slotDay[s]! : -1;
    if (od === nd) return 0;
    const days = st.courseDays[ci]!;
    let after = days;
    if (od >= 0 && st.courseDay[ci * c.nDays + od] === 1) after--;
    if (nd >= 0 && st.courseDay[ci * c.nDays + nd] === 0) after++;
    return (min > after ? min - after : 0) - (min > days ? min - days : 0);
  },
  explain(c, p) {
    const used = new Uint8Array(c.nCourses * c.nDays);
    for (let i = 0; i < p.course.length; i++)
      if (p.slot[i]! >= 0) used[p.course[i]! * c.nDays + c.slotDay[p.slot[i]!]!] = 1;
    const out: Violation[] = [];
    for (let ci = 0; ci < c.nCourses; ci++) {
      let days = 0;
      for (let d = 0; d < c.nDays; d++) days += used[ci * c.nDays + d]!;
      const min = c.courseMinDays[ci]!;
      if (days < min) {
        out.push(
          violation(
            'soft.min_working_days',
            min - days,
            `${courseName(c, ci)} meets on ${days} days, ${min - days} short of its minimum of ${min}`,
            { courses: [c.courseIds[ci]!] },
          ),
        );
      }
    }
    return out;
  },
};
