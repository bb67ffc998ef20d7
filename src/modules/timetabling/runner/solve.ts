import { type Problem, type SolveResult, solve as solveInThisThread } from '../engine/index.js';
import { monotonicNow } from './monotonic-clock.js';
import { type PortfolioOptions, solvePortfolio } from './portfolio.js';

export interface RunSolveOptions extends Omit<PortfolioOptions, 'now'> {
  /** The clock of the time budget and timings (default: `performance.now`). */
  now?: PortfolioOptions['now'];
}

/**
 * Solves a problem with the engine on the real clock: in this thread (yielding to the event loop
 * between checkpoints), or for `portfolio` in worker threads, one per member.
 */
export function solve(problem: Problem, opts: RunSolveOptions = {}): Promise<SolveResult> {
  const withClock = { ...opts, now: opts.now ?? monotonicNow };
  if (withClock.solver === 'portfolio') return solvePortfolio(problem, withClock);
  return solveInThisThread(problem, withClock);
}
