import type { SearchContext } from './context.js';
import { isFixed, pickRoom, pickSlot } from './moves.js';

/**
 * Tabu search on the weighted objective (hard × hardWeight + soft): each iteration samples a
 * neighbourhood of single-meeting moves, takes the best non-tabu one even if it is worse
 * (aspiration: a tabu move that beats the best is allowed), and makes the meeting's old slot
 * tabu for it for a while.
 */
export async function tabuSearch(
  ctx: SearchContext,
  opts: { hardWeight: number; sample: number },
): Promise<void> {
  ctx.phase = 'tabu';
  const ev = ctx.ev;
  const c = ev.c;
  const st = ev.st;
  const rng = ctx.rng;
  const nS = c.nSlots;
  const tabu = new Int32Array(c.nMeetings * nS);
  const hw = opts.hardWeight;
  let iter = 0;
  while (!ctx.done) {
    let best = Number.POSITIVE_INFINITY;
    let bm = -1;
    let bsl = -1;
    let br = -1;
    for (let k = 0; k < opts.sample; k++) {
      const m = rng.int(c.nMeetings);
      if (isFixed(c, m)) continue;
      const s = pickSlot(c, m, rng);
      const r =
        rng.next() < 0.5 && st.room[m]! >= 0 && c.meetingPinnedRoom[m]! < 0
          ? st.room[m]!
          : pickRoom(c, m, rng);
      if (s === st.slot[m] && r === st.room[m]) continue;
      ev.delta(m, s, r);
      const d = ev.dHard * hw + ev.dSoft;
      const total = (ev.hard + ev.dHard) * hw + ev.soft + ev.dSoft;
      const aspiration =
        ev.hard + ev.dHard < ctx.bestHard ||
        (ev.hard + ev.dHard === ctx.bestHard && ev.soft + ev.dSoft < ctx.bestSoft);
      if (tabu[m * nS + s]! > iter && !aspiration) continue;
      if (d < best && Number.isFinite(total)) {
        best = d;
        bm = m;
        bsl = s;
        br = r;
      }
    }
    iter++;
    ctx.iterations++;
    if (bm >= 0) {
      const os = st.slot[bm]!;
      ev.move(bm, bsl, br);
      if (os >= 0) tabu[bm * nS + os] = iter + 10 + rng.int(10);
      ctx.offer();
    }
    if ((iter & 63) === 0 && (await ctx.checkpoint())) break;
  }
}
