import { anneal } from './annealing.js';
import type { SearchContext } from './context.js';
import { construct } from './greedy.js';
import { repair } from './repair.js';

/**
 * The default: construction, then tabu repair to feasibility, then annealing cycles inside the
 * feasible region. Each cycle restarts from the best timetable found and is shorter than the
 * last; the first cycles explore (hot), the last ones polish (cold).
 */
export async function hybrid(ctx: SearchContext): Promise<void> {
  await construct(ctx);
  await repair(ctx);
  if (ctx.done) return;
  if (ctx.ev.hard > 0) {
    await anneal(ctx, {
      hardWeight: 50,
      startTemperature: 5,
      endTemperature: 0.1,
      budgetFraction: 1,
    });
    return;
  }
  const cycles = [0.5, 0.6, 1];
  for (const fraction of cycles) {
    if (ctx.done) break;
    ctx.ev.load(ctx.best);
    await anneal(ctx, {
      hardWeight: Number.POSITIVE_INFINITY,
      startTemperature: 2.5,
      endTemperature: 0.05,
      budgetFraction: fraction,
    });
  }
}
