import { courseName, violation } from './describe.js';
import type { Constraint } from './types.js';

/** hard.all_scheduled: per course |distinct slots used − meetings required| (ITC "Lectures"). */
export const allScheduled: Constraint = {
  id: 'hard.all_scheduled',
  kind: 'hard',
  defaultWeight: 1,
  description: 'every meeting is scheduled, each course in distinct slots',
  applies: () => true,
  evaluate(c, p) {
    return perCourse(c, p).reduce((sum, v) => sum + Math.abs(v.distinct - v.required), 0);
  },
  delta(st, m, s) {
    const os = st.slot[m]!;
    if (os === s) return 0;
    const c = st.c;
    const ci = c.meetingCourse[m]!;
    const base = ci * c.nSlots;
    const dist = st.courseDistinct[ci]!;
    let nd = dist;
    if (os >= 0 && st.courseSlot[base + os] === 1) nd--;
    if (s >= 0 && st.courseSlot[base + s] === 0) nd++;
    const req = c.courseMeetings[ci]!;
    return Math.abs(nd - req) - Math.abs(dist - req);
  },
  explain(c, p) {
    return perCourse(c, p)
      .map((v, ci) => ({ ...v, ci }))
      .filter((v) => v.distinct !== v.required)
      .map((v) =>
        violation(
          'hard.all_scheduled',
          Math.abs(v.distinct - v.required),
          `${courseName(c, v.ci)} meets in ${v.distinct} distinct slots but needs ${v.required} meetings`,
          { courses: [c.courseIds[v.ci]!] },
        ),
      );
  },
};

function perCourse(c: import('../compiled.js').Compiled, p: import('../assignment.js').Placements) {
  const seen = new Set<number>();
  const distinct = new Int32Array(c.nCourses);
  for (let i = 0; i < p.course.length; i++) {
    if (p.slot[i]! < 0) continue;
    const key = p.course[i]! * c.nSlots + p.slot[i]!;
    if (!seen.has(key)) {
      seen.add(key);
      distinct[p.course[i]!]!++;
    }
  }
  return Array.from(distinct, (d, ci) => ({ distinct: d, required: c.courseMeetings[ci]! }));
}
