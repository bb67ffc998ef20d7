import { courseName, instructorName, slotLabel, violation } from './describe.js';
import { pairClashDelta, pairClashPairs } from './pair-clash.js';
import type { Constraint } from './types.js';

/**
 * hard.no_instructor_clash: courses with a common instructor never meet at the same time. Pairs
 * that also share a curriculum are counted by hard.no_curriculum_clash only, as the ITC validator
 * counts a conflicting pair once.
 */
export const noInstructorClash: Constraint = {
  id: 'hard.no_instructor_clash',
  kind: 'hard',
  defaultWeight: 1,
  description: 'an instructor teaches one meeting at a time',
  applies: (c) => c.instrConflict.length > 0,
  evaluate(c, p) {
    return pairClashPairs(c, p, c.instrConflictStart, c.instrConflict).length;
  },
  delta(st, m, s) {
    return pairClashDelta(st, m, s, st.c.instrConflictStart, st.c.instrConflict);
  },
  explain(c, p) {
    return pairClashPairs(c, p, c.instrConflictStart, c.instrConflict).map(([a, b, s]) => {
      const ia = c.problem.courses[a]!.instructors;
      const shared = c.problem.courses[b]!.instructors.filter((i) => ia.includes(i));
      const names = shared.map((id) => instructorName(c, c.instructorIds.indexOf(id))).join(', ');
      return violation(
        'hard.no_instructor_clash',
        1,
        `${courseName(c, a)} and ${courseName(c, b)} are both taught by ${names} and both meet ${slotLabel(c, s)}`,
        {
          courses: [c.courseIds[a]!, c.courseIds[b]!],
          instructors: shared,
          slots: [slotLabel(c, s)],
        },
      );
    });
  },
};
