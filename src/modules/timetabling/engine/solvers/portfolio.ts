import type { Problem } from '../model.js';
import type { SolveOptions, SolveResult } from './types.js';

export async function solvePortfolio(_problem: Problem, _opts: SolveOptions): Promise<SolveResult> {
  throw new Error('portfolio: not implemented yet');
}
