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

export function isFixed(c: Compiled, m: number): boolean {
  return c.meetingPinnedSlot[m]! >= 0 && c.meetingPinnedRoom[m]! >= 0;
}
