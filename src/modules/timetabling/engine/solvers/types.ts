import type { Assignment } from '../assignment.js';
import type { Violation } from '../constraints/types.js';
import type { BreakdownItem } from '../evaluate.js';

export type SolverName = 'greedy' | 'annealing' | 'tabu' | 'hybrid' | 'portfolio';
export const SOLVER_NAMES: readonly SolverName[] = [
  'greedy',
  'annealing',
  'tabu',
  'hybrid',
  'portfolio',
];

export interface Progress {
  elapsedMs: number;
  iterations: number;
  hard: number;
  soft: number;
  /** Best so far. */
  bestHard: number;
  bestSoft: number;
  phase: string;
}

/** Monotonic milliseconds (e.g. `performance.now`); the engine reads time only through it. */
export type Now = () => number;

export interface SolveOptions {
  /** Measures the time budget and the timings in results and progress; read once per checkpoint. */
  now: Now;
  solver?: SolverName;
  timeLimitMs?: number;
  /** Iteration budget; with it (and a generous time limit) runs are reproducible for a seed. */
  maxIterations?: number;
  seed?: number;
  signal?: AbortSignal;
  /** Called at least every 250 ms while solving. */
  onProgress?: (p: Progress) => void;
  /** A starting assignment (e.g. the previous timetable). */
  initial?: Assignment;
}

export interface TrajectoryPoint {
  elapsedMs: number;
  iteration: number;
  hard: number;
  soft: number;
}

export interface SolveResult {
  assignment: Assignment;
  hard: number;
  soft: number;
  breakdown: Record<string, BreakdownItem>;
  violations: Violation[];
  trajectory: TrajectoryPoint[];
  iterations: number;
  evaluations: number;
  evaluationsPerSecond: number;
  elapsedMs: number;
  solver: SolverName;
  seed: number;
}
