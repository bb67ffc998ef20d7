import { anneal } from './annealing.js';
import type { SearchContext } from './context.js';
import { annealFeasible, type FeasibleAnnealingParams } from './feasible-annealing.js';
import { construct } from './greedy.js';
import { isFixed } from './moves.js';
import { repair } from './repair.js';

const REPAIR_STALL = 3000;
const RUIN_FRACTION = 0.05;
/** One long cooling inside the feasible region; see `annealFeasible` and `CoolingSchedule`. */
const FEASIBLE_ANNEALING: FeasibleAnnealingParams = {
  startTemperature: 3,
  endTemperature: 0.1,
  coolingRate: 0.99,
  acceptedCutoff: 0.1,
  kempeRate: 0.02,
  roomRate: 0.1,
  keepRoomRate: 0.45,
};

/**
 * Ruin and recreate around the violations: every meeting in a violation is unassigned, and so
 * are the meetings blocking it in one random slot its course may use; then a random share of the
 * rest. The next construction re-places the most constrained meetings first.
 */
export function ruin(ctx: SearchContext, fraction: number): void {
  const ev = ctx.ev;
  const c = ev.c;
  const st = ev.st;
  const nS = c.nSlots;
  const conflicted: number[] = [];
  for (let m = 0; m < c.nMeetings; m++) {
    if (!isFixed(c, m) && st.slot[m]! >= 0 && ev.deltaHard(m, -1, -1) <= 0) conflicted.push(m);
  }
  for (const m of conflicted) {
    const ci = c.meetingCourse[m]!;
    ev.move(m, -1, -1);
    const s = ctx.rng.int(nS);
    if (c.courseSlotUnavailable[ci * nS + s]) continue;
    const lists = [
      [c.currConflictStart, c.currConflict],
      [c.instrConflictStart, c.instrConflict],
    ] as const;
    for (const [start, list] of lists) {
      for (let k = start[ci]!; k < start[ci + 1]!; k++) {
        const o = list[k]!;
        for (let mo = c.courseFirstMeeting[o]!; mo < c.courseFirstMeeting[o + 1]!; mo++) {
          if (st.slot[mo] === s && !isFixed(c, mo)) ev.move(mo, -1, -1);
        }
      }
    }
  }
  for (let m = 0; m < c.nMeetings; m++) {
    if (!isFixed(c, m) && ctx.rng.next() < fraction) ev.move(m, -1, -1);
  }
}

/**
 * The default: construction, then tabu repair to feasibility (ruin-and-recreate when it stalls),
 * then one long simulated annealing inside the feasible region over the rest of the budget.
 */
export async function hybrid(ctx: SearchContext): Promise<void> {
  await construct(ctx);
  await repair(ctx, REPAIR_STALL);
  while (ctx.ev.hard > 0 && !ctx.done) {
    ruin(ctx, RUIN_FRACTION);
    await construct(ctx);
    await repair(ctx, REPAIR_STALL);
  }
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
  ctx.ev.load(ctx.best);
  await annealFeasible(ctx, FEASIBLE_ANNEALING);
}
