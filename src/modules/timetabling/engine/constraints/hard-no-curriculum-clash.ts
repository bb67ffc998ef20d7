import { courseName, curriculumName, slotLabel, violation } from './describe.js';
import { pairClashDelta, pairClashPairs } from './pair-clash.js';
import type { Constraint } from './types.js';

/** hard.no_curriculum_clash: courses sharing a curriculum (student group) never meet at the same time. */
export const noCurriculumClash: Constraint = {
  id: 'hard.no_curriculum_clash',
  kind: 'hard',
  defaultWeight: 1,
  description: 'courses of a common curriculum meet at different times',
  applies: (c) => c.currConflict.length > 0,
  evaluate(c, p) {
    return pairClashPairs(c, p, c.currConflictStart, c.currConflict).length;
  },
  delta(st, m, s) {
    return pairClashDelta(st, m, s, st.c.currConflictStart, st.c.currConflict);
  },
  explain(c, p) {
    return pairClashPairs(c, p, c.currConflictStart, c.currConflict).map(([a, b, s]) => {
      const shared = c.problem.curricula
        .map((q, qi) => ({ q, qi }))
        .filter(
          ({ q }) => q.courses.includes(c.courseIds[a]!) && q.courses.includes(c.courseIds[b]!),
        );
      const names = shared.map(({ qi }) => curriculumName(c, qi)).join(', ');
      return violation(
        'hard.no_curriculum_clash',
        1,
        `${courseName(c, a)} and ${courseName(c, b)} share curriculum ${names} and both meet ${slotLabel(c, s)}`,
        {
          courses: [c.courseIds[a]!, c.courseIds[b]!],
          curricula: shared.map(({ q }) => q.id),
          slots: [slotLabel(c, s)],
        },
      );
    });
  },
};
