import type { Placements } from '../assignment.js';
import type { Compiled } from '../compiled.js';
import type { TimetableState } from '../state.js';

/** One violation, structured for machines and worded for people. */
export interface Violation {
  constraint: string;
  /** Contribution to the constraint's unweighted count. */
  cost: number;
  courses: string[];
  rooms: string[];
  instructors: string[];
  curricula: string[];
  slots: string[];
  message: string;
}

export interface Constraint {
  id: string;
  kind: 'hard' | 'soft';
  /** Soft weight when the problem sets none; hard constraints use 1. */
  defaultWeight: number;
  description: string;
  /** Whether the constraint can be violated at all in this problem (skipped in the hot loop if not). */
  applies(c: Compiled): boolean;
  /** Unweighted count, computed from scratch (independent of the state's counters). */
  evaluate(c: Compiled, p: Placements): number;
  /**
   * Change of the unweighted count if meeting m moved from its current place to (s, r);
   * s = -1 means unassigned. Reads only the state's counters; must not allocate.
   */
  delta(st: TimetableState, m: number, s: number, r: number): number;
  /** The violations, in a stable order. Their costs sum to `evaluate`. */
  explain(c: Compiled, p: Placements): Violation[];
}
