import type { IncrementalEvaluator } from '../incremental.js';
import { courseConflictMatrix } from './course-conflicts.js';
import type { Rng } from './rng.js';

/**
 * Kempe-chain move between two slots: starting from one meeting, the chain takes every meeting
 * in the other slot whose course conflicts (curriculum or instructor) with a chain meeting, and
 * so on until closed; then the two halves trade slots. Each meeting keeps its room when that is
 * free in its new slot, else takes the first free room. Scratch buffers are reused across calls.
 */
export class KempeMove {
  private readonly conflict: Uint8Array;
  private readonly inChain: Uint8Array;
  private readonly chain: Int32Array;
  private readonly fromSlot: Int32Array;
  private readonly fromRoom: Int32Array;
  private readonly inFirst: Int32Array;
  private readonly inSecond: Int32Array;
  length = 0;

  constructor(private readonly ev: IncrementalEvaluator) {
    const c = ev.c;
    this.conflict = courseConflictMatrix(c);
    this.inChain = new Uint8Array(c.nMeetings);
    this.chain = new Int32Array(c.nMeetings);
    this.fromSlot = new Int32Array(c.nMeetings);
    this.fromRoom = new Int32Array(c.nMeetings);
    this.inFirst = new Int32Array(c.nMeetings);
    this.inSecond = new Int32Array(c.nMeetings);
  }

  /** Applies the chain move of meeting m towards slot s2; returns false (nothing done) if not applicable. */
  apply(m: number, s2: number, rng: Rng): boolean {
    const ev = this.ev;
    const c = ev.c;
    const st = ev.st;
    const s1 = st.slot[m]!;
    if (s1 < 0 || s1 === s2) return false;
    const nC = c.nCourses;
    let len = 0;
    this.chain[len++] = m;
    this.inChain[m] = 1;
    // The meetings of each slot, in index order, so the chain only looks at the two slots.
    let n1 = 0;
    let n2 = 0;
    for (let y = 0; y < c.nMeetings; y++) {
      if (st.slot[y] === s1) this.inFirst[n1++] = y;
      else if (st.slot[y] === s2) this.inSecond[n2++] = y;
    }
    for (let head = 0; head < len; head++) {
      const x = this.chain[head]!;
      const toSecond = st.slot[x] === s1;
      const others = toSecond ? this.inSecond : this.inFirst;
      const nOthers = toSecond ? n2 : n1;
      const cx = c.meetingCourse[x]! * nC;
      for (let i = 0; i < nOthers; i++) {
        const y = others[i]!;
        if (this.inChain[y]) continue;
        if (!this.conflict[cx + c.meetingCourse[y]!] && c.meetingCourse[y] !== c.meetingCourse[x])
          continue;
        this.chain[len++] = y;
        this.inChain[y] = 1;
      }
    }
    let pinned = false;
    for (let i = 0; i < len; i++) {
      const x = this.chain[i]!;
      this.inChain[x] = 0;
      this.fromSlot[i] = st.slot[x]!;
      this.fromRoom[i] = st.room[x]!;
      if (c.meetingPinnedSlot[x]! >= 0) pinned = true;
    }
    if (pinned) return false;
    this.length = len;
    for (let i = 0; i < len; i++) ev.move(this.chain[i]!, -1, -1);
    const nS = c.nSlots;
    for (let i = 0; i < len; i++) {
      const x = this.chain[i]!;
      const to = this.fromSlot[i] === s1 ? s2 : s1;
      let r = this.fromRoom[i]!;
      if (st.roomSlot[r * nS + to]! > 0 && c.meetingPinnedRoom[x]! < 0) {
        const start = rng.int(c.nRooms);
        for (let k = 0; k < c.nRooms; k++) {
          const q = (start + k) % c.nRooms;
          if (st.roomSlot[q * nS + to] === 0) {
            r = q;
            break;
          }
        }
      }
      ev.move(x, to, r);
    }
    return true;
  }

  /** Puts the meetings of the last applied chain back where they were. */
  undo(): void {
    const ev = this.ev;
    for (let i = 0; i < this.length; i++) ev.move(this.chain[i]!, -1, -1);
    for (let i = 0; i < this.length; i++)
      ev.move(this.chain[i]!, this.fromSlot[i]!, this.fromRoom[i]!);
  }
}
