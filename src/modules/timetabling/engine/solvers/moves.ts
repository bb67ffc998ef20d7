import type { Compiled } from '../compiled.js';
import type { Rng } from './rng.js';

/** A slot the meeting may take: its pinned slot, or a uniformly random one. */
export function pickSlot(c: Compiled, m: number, rng: Rng): number {
  const p = c.meetingPinnedSlot[m]!;
  return p >= 0 ? p : rng.int(c.nSlots);
}

/** A room the meeting may take: its pinned room, or a uniformly random one. */
export function pickRoom(c: Compiled, m: number, rng: Rng): number {
  const p = c.meetingPinnedRoom[m]!;
  return p >= 0 ? p : rng.int(c.nRooms);
}

/**
 * A room for meeting m at slot s: its pinned room; else, most of the time, its current room if
 * that is free at s, or the first free room from a random start; a random room if none is free.
 */
export function pickRoomAt(
  c: Compiled,
  roomSlot: Int32Array,
  m: number,
  s: number,
  current: number,
  rng: Rng,
): number {
  const p = c.meetingPinnedRoom[m]!;
  if (p >= 0) return p;
  const nS = c.nSlots;
  const nR = c.nRooms;
  if (current >= 0 && roomSlot[current * nS + s] === 0 && rng.next() < 0.8) return current;
  const start = rng.int(nR);
  for (let k = 0; k < nR; k++) {
    const r = start + k < nR ? start + k : start + k - nR;
    if (roomSlot[r * nS + s] === 0) return r;
  }
  return start;
}

export function isFixed(c: Compiled, m: number): boolean {
  return c.meetingPinnedSlot[m]! >= 0 && c.meetingPinnedRoom[m]! >= 0;
}
