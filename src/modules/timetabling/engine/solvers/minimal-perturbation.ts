import { compile } from '../compile.js';
import type { Compiled } from '../compiled.js';
import type { PlacedMeeting, Problem } from '../model.js';
import { solveCompiled } from './solve.js';
import type { SolveOptions, SolveResult } from './types.js';

export interface ReSolveOptions extends Omit<SolveOptions, 'initial' | 'solver'> {
  /** Weight of one moved meeting against the other soft costs (default 10). */
  perturbationWeight?: number;
}

export interface ReSolveResult extends SolveResult {
  /** Meetings that had a place before and now sit elsewhere (other slot or room). */
  moved: number;
  /** Meetings that had a place before that the changed problem no longer allows (room withdrawn, …). */
  displaced: number;
}

/**
 * Minimal-perturbation re-solve: starts from the previous timetable mapped onto the changed
 * problem (meetings by course id and ordinal, rooms by id), and minimises the soft cost plus
 * `perturbationWeight` per moved meeting, hard constraints first as always.
 */
export async function reSolve(
  problem: Problem,
  previous: PlacedMeeting[],
  opts: ReSolveOptions,
): Promise<ReSolveResult> {
  const base = compile({
    ...problem,
    weights: { ...(problem.weights ?? {}), 'soft.perturbation': opts.perturbationWeight ?? 10 },
  });
  const prevSlot = new Int32Array(base.nMeetings).fill(-1);
  const prevRoom = new Int32Array(base.nMeetings).fill(-1);
  let displaced = 0;
  for (const p of previous) {
    const ci = base.courseIndex.get(p.course);
    if (
      ci === undefined ||
      p.meeting < 0 ||
      p.meeting >= base.courseMeetings[ci]! ||
      p.slot === null
    )
      continue;
    const m = base.courseFirstMeeting[ci]! + p.meeting;
    const r = p.room === null ? undefined : base.roomIndex.get(p.room);
    if (r === undefined || p.slot < 0 || p.slot >= base.nSlots) {
      displaced++;
      continue;
    }
    prevSlot[m] = p.slot;
    prevRoom[m] = r;
  }
  const c: Compiled = { ...base, previousSlot: prevSlot, previousRoom: prevRoom };
  const result = await solveCompiled(c, {
    ...opts,
    solver: 'hybrid',
    initial: { slot: prevSlot, room: prevRoom },
  });
  let moved = 0;
  for (let m = 0; m < c.nMeetings; m++) {
    if (
      prevSlot[m]! >= 0 &&
      (result.assignment.slot[m] !== prevSlot[m] || result.assignment.room[m] !== prevRoom[m])
    )
      moved++;
  }
  return { ...result, moved: moved + displaced, displaced };
}

/** The placed meetings of a result, in user ids (the input `reSolve` expects as `previous`). */
export function placedMeetings(
  c: Compiled,
  a: { slot: Int32Array; room: Int32Array },
): PlacedMeeting[] {
  return Array.from({ length: c.nMeetings }, (_, m) => ({
    course: c.courseIds[c.meetingCourse[m]!]!,
    meeting: c.meetingOrdinal[m]!,
    room: a.room[m]! >= 0 ? c.roomIds[a.room[m]!]! : null,
    slot: a.slot[m]! >= 0 ? a.slot[m]! : null,
  }));
}
