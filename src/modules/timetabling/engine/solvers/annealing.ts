import type { SearchContext } from './context.js';
import { KempeMove } from './kempe.js';
import { isFixed, pickRoom, pickRoomAt, pickSlot } from './moves.js';

const KEMPE_RATE = 0.1;

export interface AnnealingParams {
  /** Weight of one hard violation; Infinity keeps the search inside the feasible region. */
  hardWeight: number;
  startTemperature: number;
  endTemperature: number;
  /** Fraction of the remaining budget this call may use (1 = until the end). */
  budgetFraction: number;
}

/**
 * Simulated annealing over three neighbourhoods: Kempe-chain swaps between two slots, moving one
 * meeting (new slot; its own room or a free one, sometimes any room) and swapping the places of
 * two meetings. Temperature falls geometrically over the
 * budget. Hard increases are rejected outright with an infinite hard weight.
 */
export async function anneal(ctx: SearchContext, params: AnnealingParams): Promise<void> {
  ctx.phase = 'annealing';
  const ev = ctx.ev;
  const c = ev.c;
  const st = ev.st;
  const rng = ctx.rng;
  const nM = c.nMeetings;
  const hw = params.hardWeight;
  const feasibleOnly = !Number.isFinite(hw);
  const f0 = ctx.progressFraction();
  const span = Math.max(1e-9, (1 - f0) * params.budgetFraction);
  const ratio = params.endTemperature / params.startTemperature;
  let t = params.startTemperature;
  const kempe = new KempeMove(ev);
  let k = 0;
  while (!ctx.done) {
    if ((k & 255) === 0) {
      const f = Math.min(1, (ctx.progressFraction() - f0) / span);
      if (f >= 1) break;
      t = params.startTemperature * ratio ** f;
      if ((k & 4095) === 0 && (await ctx.checkpoint())) break;
    }
    k++;
    ctx.iterations++;
    const m = rng.int(nM);
    if (isFixed(c, m)) continue;
    const os = st.slot[m]!;
    const or = st.room[m]!;
    const u = rng.next();
    if (u < KEMPE_RATE && os >= 0) {
      const h0 = ev.hard;
      const s0 = ev.soft;
      if (!kempe.apply(m, pickSlot(c, m, rng), rng)) continue;
      const dh = ev.hard - h0;
      const d = (feasibleOnly ? 0 : dh * hw) + (ev.soft - s0);
      if ((feasibleOnly && dh > 0) || !(d <= 0 || rng.next() < Math.exp(-d / t))) kempe.undo();
      else if (d < 0 || dh < 0) ctx.offer();
      continue;
    }
    if (u < 0.5 + KEMPE_RATE / 2 || os < 0) {
      const s = pickSlot(c, m, rng);
      const r = rng.next() < 0.1 ? pickRoom(c, m, rng) : pickRoomAt(c, st.roomSlot, m, s, or, rng);
      if (s === os && r === or) continue;
      ev.delta(m, s, r);
      const dh = ev.dHard;
      if (feasibleOnly && dh > 0) continue;
      const d = (feasibleOnly ? 0 : dh * hw) + ev.dSoft;
      if (d <= 0 || rng.next() < Math.exp(-d / t)) {
        ev.commit(m, s, r);
        if (d < 0 || dh < 0) ctx.offer();
      }
      continue;
    }
    const m2 = rng.int(nM);
    const s2 = st.slot[m2]!;
    const r2 = st.room[m2]!;
    if (s2 < 0 || s2 === os || c.meetingCourse[m2] === c.meetingCourse[m]) continue;
    if (c.meetingPinnedSlot[m]! >= 0 || c.meetingPinnedSlot[m2]! >= 0) continue;
    const keepRooms =
      c.meetingPinnedRoom[m]! >= 0 || c.meetingPinnedRoom[m2]! >= 0 || rng.next() < 0.5;
    const ra = keepRooms ? or : r2;
    const rb = keepRooms ? r2 : or;
    const h0 = ev.hard;
    const s0 = ev.soft;
    ev.move(m, s2, ra);
    ev.move(m2, os, rb);
    const dh = ev.hard - h0;
    const d = (feasibleOnly ? 0 : dh * hw) + (ev.soft - s0);
    if ((feasibleOnly && dh > 0) || !(d <= 0 || rng.next() < Math.exp(-d / t))) {
      ev.move(m2, s2, r2);
      ev.move(m, os, or);
    } else if (d < 0 || dh < 0) ctx.offer();
  }
}
