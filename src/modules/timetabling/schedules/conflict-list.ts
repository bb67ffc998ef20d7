import type { Evaluation } from '../engine/index.js';

/** A schedule's hard violations as conflicts; ids are `<constraint>:<index>` in this order. */
export function conflictsOf(evaluation: Evaluation) {
  return evaluation.violations
    .filter((v) => v.constraint.startsWith('hard.'))
    .map((v, i) => ({
      id: `${v.constraint}:${i}`,
      type: v.constraint,
      severity: 'error' as const,
      cost: v.cost,
      courses: v.courses,
      rooms: v.rooms,
      instructors: v.instructors,
      curricula: v.curricula,
      slots: v.slots,
      message: v.message,
    }));
}

export type ConflictDto = ReturnType<typeof conflictsOf>[number];

/** An evaluation's totals and its per-constraint costs, for the API. */
export const evaluationDto = (e: Evaluation) => ({
  hard: e.hard,
  soft: e.soft,
  breakdown: Object.entries(e.breakdown).map(([constraint, b]) => ({
    constraint,
    kind: b.kind,
    count: b.count,
    cost: b.cost,
  })),
});
