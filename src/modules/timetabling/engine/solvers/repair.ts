import type { SearchContext } from './context.js';
import { fitRoom } from './greedy.js';
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
  const pickOtherRoom = (x: SearchContext, m: number) => {
    const pr = c.meetingPinnedRoom[m]!;
    return pr >= 0 ? pr : x.rng.int(c.nRooms);
  };
  let iter = 0;
  let bestHard = ev.hard;
  let lastImprovement = 0;
  let n = 0;
  while (ev.hard > 0 && !ctx.done && iter - lastImprovement < stallLimit) {
    // The conflict list is refreshed every few iterations: scanning all meetings costs more than a move.
    if ((iter & 7) === 0 || n === 0) {
      n = 0;
      for (let m = 0; m < c.nMeetings; m++) {
        if (isFixed(c, m)) continue;
        if (ev.st.slot[m]! < 0 || ev.deltaHard(m, -1, -1) <= 0) conflicted[n++] = m;
      }
      if (n === 0) break;
    }
    const m = conflicted[ctx.rng.int(n)]!;
    const os = ev.st.slot[m]!;
    let bh = Number.POSITIVE_INFINITY;
    let bestS = -1;
    let bestR = -1;
    let ties = 0;
    const ps = c.meetingPinnedSlot[m]!;
    for (let s = Math.max(ps, 0); s < (ps >= 0 ? ps + 1 : nS); s++) {
      // The room-less delta bounds every room's delta from below: skip slots that cannot win.
      if (ev.deltaHard(m, s, -1) > bh) continue;
      const isTabu = tabu[m * nS + s]! > iter;
      const r = s === os ? pickOtherRoom(ctx, m) : fitRoom(ev, m, s);
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
    if ((iter & 7) === 0) await ctx.checkpoint();
  }
}
