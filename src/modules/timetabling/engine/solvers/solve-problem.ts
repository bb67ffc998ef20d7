import { compile } from '../compile.js';
import type { Problem } from '../model.js';
import { solvePortfolio } from './portfolio.js';
import { solveCompiled } from './solve.js';
import type { SolveOptions, SolveResult } from './types.js';

/**
 * The engine's entry point: `solve(problem, {solver, timeLimitMs, maxIterations, seed, signal,
 * onProgress, initial})`. `portfolio` runs several solvers/seeds in worker threads.
 */
export async function solve(problem: Problem, opts: SolveOptions = {}): Promise<SolveResult> {
  if (opts.solver === 'portfolio') return solvePortfolio(problem, opts);
  return solveCompiled(compile(problem), opts);
}
