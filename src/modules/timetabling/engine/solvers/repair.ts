import type { SearchContext } from './context.js';
import { isFixed } from './moves.js';

/**
 * Tabu search on the hard violations (min-conflicts): take a random meeting that is unassigned or
 * involved in a violation, move it to the non-tabu (slot, room) with the fewest hard violations
 * (ties at random; soft costs are left to the next phase) and forbid it to return to the slot it
 * left for a few iterations. Stops at hard 0, or after `stallLimit` iterations without a new best.
 */
export async function repair(
  ctx: SearchContext,
  stallLimit = Number.POSITIVE_INFINITY,
): Promise<void> {
  ctx.phase = 'repair';
  const ev = ctx.ev;
  const c = ev.c;
  const nS = c.nSlots;
  const tabu = new Int32Array(c.nMeetings * nS);
  const conflicted = new Int32Array(c.nMeetings);
  let iter = 0;
  let bestHard = ev.hard;
  let lastImprovement = 0;
  while (ev.hard > 0 && !ctx.done && iter - lastImprovement < stallLimit) {
    let n = 0;
    for (let m = 0; m < c.nMeetings; m++) {
      if (isFixed(c, m)) continue;
      if (ev.st.slot[m]! < 0 || ev.deltaHard(m, -1, -1) <= 0) conflicted[n++] = m;
    }
    if (n === 0) break;
    const m = conflicted[ctx.rng.int(n)]!;
    const os = ev.st.slot[m]!;
    let bh = Number.POSITIVE_INFINITY;
    let bestS = -1;
    let bestR = -1;
    let ties = 0;
    const ps = c.meetingPinnedSlot[m]!;
    const pr = c.meetingPinnedRoom[m]!;
    for (let s = Math.max(ps, 0); s < (ps >= 0 ? ps + 1 : nS); s++) {
      const isTabu = tabu[m * nS + s]! > iter;
      for (let r = Math.max(pr, 0); r < (pr >= 0 ? pr + 1 : c.nRooms); r++) {
        if (s === os && r === ev.st.room[m]) continue;
        const h = ev.deltaHard(m, s, r);
        if (isTabu && ev.hard + h >= bestHard) continue;
        if (h < bh) {
          bh = h;
          bestS = s;
          bestR = r;
          ties = 1;
        } else if (h === bh && ctx.rng.int(++ties) === 0) {
          bestS = s;
          bestR = r;
        }
      }
    }
    iter++;
    ctx.iterations++;
    if (bestS >= 0) {
      ev.move(m, bestS, bestR);
      if (os >= 0) tabu[m * nS + os] = iter + 5 + ctx.rng.int(10);
      if (ev.hard < bestHard) {
        bestHard = ev.hard;
        lastImprovement = iter;
      }
      ctx.offer();
    }
    if ((iter & 15) === 0) await ctx.checkpoint();
  }
}
