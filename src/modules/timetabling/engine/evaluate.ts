import { type Assignment, type Placements, toPlacements } from './assignment.js';
import type { Compiled } from './compiled.js';
import { activeConstraints } from './constraints/registry.js';
import type { Violation } from './constraints/types.js';

export interface BreakdownItem {
  kind: 'hard' | 'soft';
  /** Unweighted count. */
  count: number;
  weight: number;
  /** count × weight. */
  cost: number;
}

export interface Evaluation {
  hard: number;
  soft: number;
  breakdown: Record<string, BreakdownItem>;
  violations: Violation[];
}

/** Full evaluation from scratch: totals, per-constraint breakdown and explained violations. */
export function evaluatePlacements(
  c: Compiled,
  p: Placements,
  maxViolations = Number.POSITIVE_INFINITY,
): Evaluation {
  let hard = 0;
  let soft = 0;
  const breakdown: Record<string, BreakdownItem> = {};
  const violations: Violation[] = [];
  for (const { constraint: k, weight } of activeConstraints(c)) {
    const count = k.evaluate(c, p);
    const cost = count * weight;
    breakdown[k.id] = { kind: k.kind, count, weight, cost };
    if (k.kind === 'hard') hard += cost;
    else soft += cost;
    if (count > 0 && violations.length < maxViolations) {
      for (const v of k.explain(c, p)) {
        if (violations.length >= maxViolations) break;
        violations.push(v);
      }
    }
  }
  return { hard, soft, breakdown, violations };
}

export function evaluate(c: Compiled, a: Assignment, maxViolations?: number): Evaluation {
  return evaluatePlacements(c, toPlacements(c, a), maxViolations);
}
