import { compile } from '../compile.js';
import type { Problem } from '../model.js';
import { solveCompiled } from './solve.js';
import type { SolveOptions, SolveResult } from './types.js';

/**
 * The engine's entry point in this thread: `solve(problem, {now, solver, timeLimitMs,
 * maxIterations, seed, signal, onProgress, initial})`. The `portfolio` solver needs worker
 * threads and runs through `timetabling/runner`.
 */
export async function solve(problem: Problem, opts: SolveOptions): Promise<SolveResult> {
  return solveCompiled(compile(problem), opts);
}
