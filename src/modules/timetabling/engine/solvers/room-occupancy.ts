import type { TimetableState } from '../state.js';

/**
 * Which meeting holds each (room, slot), -1 when free. Exact while there is no room clash (the
 * feasible region), so a move onto a taken place can become a swap with its holder.
 */
export class RoomOccupancy {
  private readonly holder: Int32Array;
  private readonly nSlots: number;

  constructor(st: TimetableState) {
    this.nSlots = st.c.nSlots;
    this.holder = new Int32Array(st.c.nRooms * this.nSlots).fill(-1);
    for (let m = 0; m < st.c.nMeetings; m++) {
      const s = st.slot[m]!;
      if (s >= 0) this.holder[st.room[m]! * this.nSlots + s] = m;
    }
  }

  at(r: number, s: number): number {
    return this.holder[r * this.nSlots + s]!;
  }

  /** Records that meeting m left (fromRoom, fromSlot) for (r, s); -1 slots are ignored. */
  moved(m: number, fromSlot: number, fromRoom: number, s: number, r: number): void {
    const nS = this.nSlots;
    if (fromSlot >= 0 && this.holder[fromRoom * nS + fromSlot] === m)
      this.holder[fromRoom * nS + fromSlot] = -1;
    if (s >= 0) this.holder[r * nS + s] = m;
  }

  /** Re-reads two slots from the state (after a multi-meeting move such as a Kempe chain). */
  reloadSlots(st: TimetableState, s1: number, s2: number): void {
    const nS = this.nSlots;
    for (let r = 0; r < st.c.nRooms; r++) {
      this.holder[r * nS + s1] = -1;
      this.holder[r * nS + s2] = -1;
    }
    for (let m = 0; m < st.c.nMeetings; m++) {
      const s = st.slot[m]!;
      if (s === s1 || s === s2) this.holder[st.room[m]! * nS + s] = m;
    }
  }
}
