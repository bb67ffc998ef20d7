import { dayLabel, instructorName, violation } from './describe.js';
import type { Constraint, Violation } from './types.js';

/**
 * soft.instructor_load: per (instructor, day) the meetings above the instructor's balanced daily
 * load, ceil(total meetings / teaching days).
 */
export const instructorLoad: Constraint = {
  id: 'soft.instructor_load',
  kind: 'soft',
  defaultWeight: 1,
  description: "instructors' meetings balanced across days",
  applies: (c) => c.nInstructors > 0,
  evaluate(c, p) {
    return this.explain(c, p).reduce((sum, v) => sum + v.cost, 0);
  },
  delta(st, m, s) {
    const c = st.c;
    const os = st.slot[m]!;
    const od = os >= 0 ? c.slotDay[os]! : -1;
    const nd = s >= 0 ? c.slotDay[s]! : -1;
    if (od === nd) return 0;
    const ci = c.meetingCourse[m]!;
    let d = 0;
    for (let k = c.courseInstructorsStart[ci]!, e = c.courseInstructorsStart[ci + 1]!; k < e; k++) {
      const i = c.courseInstructors[k]!;
      const t = c.instructorDailyTarget[i]!;
      const base = i * c.nDays;
      if (od >= 0 && st.instrDay[base + od]! > t) d--;
      if (nd >= 0 && st.instrDay[base + nd]! >= t) d++;
    }
    return d;
  },
  explain(c, p) {
    const count = new Int32Array(c.nInstructors * c.nDays);
    for (let i = 0; i < p.course.length; i++) {
      const s = p.slot[i]!;
      if (s < 0) continue;
      const ci = p.course[i]!;
      for (let k = c.courseInstructorsStart[ci]!; k < c.courseInstructorsStart[ci + 1]!; k++)
        count[c.courseInstructors[k]! * c.nDays + c.slotDay[s]!]!++;
    }
    const out: Violation[] = [];
    for (let i = 0; i < c.nInstructors; i++) {
      const t = c.instructorDailyTarget[i]!;
      for (let d = 0; d < c.nDays; d++) {
        const n = count[i * c.nDays + d]!;
        if (n > t)
          out.push(
            violation(
              'soft.instructor_load',
              n - t,
              `${instructorName(c, i)} teaches ${n} meetings on ${dayLabel(c, d)}, above a balanced ${t}`,
              { instructors: [c.instructorIds[i]!] },
            ),
          );
      }
    }
    return out;
  },
};
