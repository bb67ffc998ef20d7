import type { Compiled } from './compiled.js';

/** Slot and room per meeting (-1 = unassigned), indexed like `Compiled.meetingCourse`. */
export interface Assignment {
  slot: Int32Array;
  room: Int32Array;
}

/**
 * A list of placed meetings with their course. Usually one per compiled meeting, but a solution
 * file may list more or fewer lectures than a course needs, and the evaluator must count that.
 */
export interface Placements {
  course: Int32Array;
  slot: Int32Array;
  room: Int32Array;
  /** The compiled meeting each placement stands for (-1 = an extra lecture); needed by pins and perturbation. */
  meeting: Int32Array;
}

export function emptyAssignment(c: Compiled): Assignment {
  return { slot: new Int32Array(c.nMeetings).fill(-1), room: new Int32Array(c.nMeetings).fill(-1) };
}

export function cloneAssignment(a: Assignment): Assignment {
  return { slot: a.slot.slice(), room: a.room.slice() };
}

export function toPlacements(c: Compiled, a: Assignment): Placements {
  return { course: c.meetingCourse, slot: a.slot, room: a.room, meeting: identity(c.nMeetings) };
}

const identities = new Map<number, Int32Array>();
function identity(n: number): Int32Array {
  let id = identities.get(n);
  if (!id) {
    id = Int32Array.from({ length: n }, (_, i) => i);
    identities.set(n, id);
  }
  return id;
}
