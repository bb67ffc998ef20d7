import type { SearchContext } from './context.js';
import { type CoolingParams, CoolingSchedule } from './cooling-schedule.js';
import { courseConflictMatrix } from './course-conflicts.js';
import { KempeMove } from './kempe.js';
import { isFixed, pickRoom, pickSlot } from './moves.js';
import { RoomOccupancy } from './room-occupancy.js';

export interface FeasibleAnnealingParams extends CoolingParams {
  /** Share of Kempe-chain moves between two slots. */
  kempeRate: number;
  /** Share of room-only moves (same slot, another room; a swap of rooms if it is taken). */
  roomRate: number;
  /** Share of moves to a random slot in the meeting's own room (a swap of slots if it is taken). */
  keepRoomRate: number;
}

/**
 * Simulated annealing inside the feasible region (a move that adds a hard violation is rejected)
 * with one long cooling over the whole remaining budget (see `CoolingSchedule`). A move sends a
 * random meeting to a (slot, room): its own room in another slot, another room in its slot, or
 * both drawn at random; when the place is taken the two meetings swap places. A small share of
 * Kempe-chain moves trades whole conflict chains between two slots.
 */
export async function annealFeasible(
  ctx: SearchContext,
  params: FeasibleAnnealingParams,
): Promise<void> {
  ctx.phase = 'annealing';
  const ev = ctx.ev;
  const c = ev.c;
  const st = ev.st;
  const rng = ctx.rng;
  const nM = c.nMeetings;
  const pinnedSlot = c.meetingPinnedSlot;
  const pinnedRoom = c.meetingPinnedRoom;
  const course = c.meetingCourse;
  const nC = c.nCourses;
  const conflict = courseConflictMatrix(c);
  const occupancy = new RoomOccupancy(st);
  const kempe = new KempeMove(ev);
  const schedule = new CoolingSchedule(ctx, params);
  const kempeTo = params.kempeRate;
  const roomTo = kempeTo + params.roomRate;
  const keepRoomTo = roomTo + params.keepRoomRate;
  let t = schedule.temperature;
  let k = 0;
  while (!ctx.done) {
    if ((++k & 4095) === 0 && (await ctx.checkpoint())) break;
    if (schedule.samplesLeft <= 0 || schedule.acceptsLeft <= 0) {
      schedule.nextLevel();
      t = schedule.temperature;
    }
    schedule.samplesLeft--;
    ctx.iterations++;
    const m = rng.int(nM);
    if (isFixed(c, m)) continue;
    const os = st.slot[m]!;
    const or = st.room[m]!;
    const u = rng.next();
    const h0 = ev.hard;
    const s0 = ev.soft;
    if (u < kempeTo) {
      const s2 = pickSlot(c, m, rng);
      if (!kempe.apply(m, s2, rng)) continue;
      const d = ev.soft - s0;
      if (ev.hard > h0 || (d > 0 && rng.next() >= Math.exp(-d / t))) {
        kempe.undo();
        continue;
      }
      occupancy.reloadSlots(st, os, s2);
    } else {
      let s: number;
      let r: number;
      if (u < roomTo) {
        s = os;
        r = pickRoom(c, m, rng);
      } else {
        s = pickSlot(c, m, rng);
        r = u < keepRoomTo && pinnedRoom[m]! < 0 ? or : pickRoom(c, m, rng);
      }
      if (s === os && r === or) continue;
      const o = occupancy.at(r, s);
      if (o < 0) {
        // Most random moves break a hard constraint: the cheap hard-only delta screens them out.
        if (ev.deltaHard(m, s, r) > 0) continue;
        ev.delta(m, s, r);
        const d = ev.dSoft;
        if (ev.dHard > 0 || (d > 0 && rng.next() >= Math.exp(-d / t))) continue;
        ev.commit(m, s, r);
        occupancy.moved(m, os, or, s, r);
      } else {
        if (course[o] === course[m]) continue;
        if ((pinnedSlot[o]! >= 0 && s !== os) || (pinnedRoom[o]! >= 0 && r !== or)) continue;
        if (s !== os) {
          // Room-less screens: each meeting's clashes in its new slot, less the one with the
          // other meeting, which leaves; anything left over makes the swap infeasible.
          const pair = conflict[course[m]! * nC + course[o]!]!;
          if (ev.deltaHard(m, s, -1) > pair || ev.deltaHard(o, os, -1) > pair) continue;
        }
        ev.move(m, s, r);
        ev.move(o, os, or);
        const d = ev.soft - s0;
        if (ev.hard > h0 || (d > 0 && rng.next() >= Math.exp(-d / t))) {
          ev.move(m, os, or);
          ev.move(o, s, r);
          continue;
        }
        occupancy.moved(m, os, or, s, r);
        occupancy.moved(o, s, r, os, or);
      }
    }
    schedule.acceptsLeft--;
    if (ev.soft < s0 || ev.hard < h0) ctx.offer();
  }
}
