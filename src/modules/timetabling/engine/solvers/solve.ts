import type { Compiled } from '../compiled.js';
import { evaluate } from '../evaluate.js';
import { IncrementalEvaluator } from '../incremental.js';
import { anneal } from './annealing.js';
import { SearchContext } from './context.js';
import { construct } from './greedy.js';
import { hybrid } from './hybrid.js';
import { repair } from './repair.js';
import { tabuSearch } from './tabu.js';
import type { SolveOptions, SolveResult, SolverName } from './types.js';

const MAX_VIOLATIONS = 200;

/**
 * Solves in this thread, yielding to the event loop every few tens of milliseconds. Returns the
 * best timetable found when the time or iteration budget is spent or the signal aborts.
 */
export async function solveCompiled(c: Compiled, opts: SolveOptions): Promise<SolveResult> {
  const solver: SolverName = opts.solver ?? 'hybrid';
  const ev = new IncrementalEvaluator(c, opts.initial);
  const ctx = new SearchContext(ev, opts);
  ctx.offer();
  switch (solver) {
    case 'greedy':
      await construct(ctx);
      break;
    case 'annealing':
      await construct(ctx);
      await anneal(ctx, {
        hardWeight: 20,
        startTemperature: 5,
        endTemperature: 0.05,
        budgetFraction: 1,
      });
      break;
    case 'tabu':
      await construct(ctx);
      await repair(ctx);
      await tabuSearch(ctx, { hardWeight: 1000, sample: 200 });
      break;
    case 'hybrid':
      await hybrid(ctx);
      break;
    case 'portfolio':
      throw new Error(
        'the portfolio solver runs in worker threads: use solve() from timetabling/runner',
      );
  }
  ctx.reportNow(true);
  const elapsedMs = ctx.elapsed();
  const e = evaluate(c, ctx.best, MAX_VIOLATIONS);
  return {
    assignment: { slot: ctx.best.slot.slice(), room: ctx.best.room.slice() },
    hard: e.hard,
    soft: e.soft,
    breakdown: e.breakdown,
    violations: e.violations,
    trajectory: ctx.trajectory,
    iterations: ctx.iterations,
    evaluations: ev.evaluations,
    evaluationsPerSecond: Math.round(ev.evaluations / Math.max(1e-3, elapsedMs / 1000)),
    elapsedMs: Math.round(elapsedMs),
    solver,
    seed: opts.seed ?? 1,
  };
}
