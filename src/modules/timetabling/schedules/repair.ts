import type { Executor } from '#platform/db/index.js';
import { AppError, unprocessable, validationError } from '#platform/errors/index.js';
import { evaluatePlacements } from '../engine/index.js';
import { rankPlacements, swapDelta } from '../engine/meeting-moves.js';
import { conflictsOf } from './conflict-list.js';
import { applyMoves, type Move, requireUnpublished } from './edit.js';
import {
  type LoadedSchedule,
  meetingIndex,
  roomIndex,
  rowPlacements,
  slotIndex,
} from './loaded.js';

export interface MoveInput {
  slot?: number;
  room?: string;
}

/** PATCH of one meeting: a manual move on an unpublished schedule. */
export async function moveMeeting(
  tx: Executor,
  s: LoadedSchedule,
  mid: string,
  input: MoveInput,
  by: string | null,
) {
  const m = meetingIndex(s, mid);
  if (input.slot === undefined && input.room === undefined)
    throw validationError('Give a slot, a room or both', [
      { path: '/body/slot', message: 'slot or room is required' },
    ]);
  const slot =
    input.slot === undefined ? s.assignment.slot[m]! : slotIndex(s, input.slot, '/body/slot');
  const room =
    input.room === undefined ? s.assignment.room[m]! : roomIndex(s, input.room, '/body/room');
  if (slot < 0)
    throw validationError('The meeting is unplaced: give its slot', [
      { path: '/body/slot', message: 'required for an unplaced meeting' },
    ]);
  if (room < 0)
    throw validationError('The meeting has no room: give one', [
      { path: '/body/room', message: 'required for a meeting without a room' },
    ]);
  requireUnpublished(s);
  return applyMoves(tx, s, [{ meeting: m, slot, room }], by, 'timetabling.schedule.meeting_moved');
}

export interface ResolveConflictInput {
  resolution: 'move' | 'swap' | 'change_room';
  meetingId?: string;
  withMeetingId?: string;
  slot?: number;
  room?: string;
}

interface Option {
  moves: Move[];
  deltaHard: number;
  deltaSoft: number;
}

const better = (a: Option | null, b: Option) =>
  !a || b.deltaHard < a.deltaHard || (b.deltaHard === a.deltaHard && b.deltaSoft < a.deltaSoft)
    ? b
    : a;

/** The meetings a conflict is about: of its courses, at its slots when it names any. */
function involved(s: LoadedSchedule, courses: string[], slots: string[]) {
  const c = s.compiled;
  const names = new Set(courses);
  const labels = new Set(slots);
  const out: number[] = [];
  for (let m = 0; m < c.nMeetings; m++) {
    const ci = c.meetingCourse[m]!;
    const course = c.problem.courses[ci]!;
    if (!names.has(course.id) && !(course.name && names.has(course.name))) continue;
    const sl = s.assignment.slot[m]!;
    if (labels.size && (sl < 0 || !labels.has(c.grid.slotLabels[sl]!))) continue;
    out.push(m);
  }
  return out;
}

/**
 * Resolves one conflict (its id as the conflicts route gives it) by moving a meeting, changing
 * its room or swapping it with another. Unnamed parts (meeting, slot, room, partner) are chosen
 * by the engine's delta evaluation; 422 when no such change lowers the hard cost.
 */
export async function resolveConflict(
  tx: Executor,
  s: LoadedSchedule,
  cid: string,
  input: ResolveConflictInput,
  by: string | null,
) {
  const c = s.compiled;
  const all = conflictsOf(evaluatePlacements(c, rowPlacements(s, s.assignment)));
  const target = all.find((x) => x.id === cid);
  if (!target)
    throw new AppError('not_found', 'CONFLICT_NOT_FOUND', 'Conflict not found', {
      details: [
        { path: '/params/cid', message: `schedule ${s.schedule.id} has no conflict ${cid}` },
      ],
    });
  const candidates = involved(s, target.courses, target.slots);
  let chosen = candidates;
  if (input.meetingId !== undefined) {
    const m = meetingIndex(s, input.meetingId, '/body/meetingId');
    if (!candidates.includes(m))
      throw validationError('The meeting is not part of the conflict', [
        { path: '/body/meetingId', message: `meeting ${input.meetingId} is not in ${cid}` },
      ]);
    chosen = [m];
  }
  const slot = input.slot === undefined ? undefined : slotIndex(s, input.slot, '/body/slot');
  const room = input.room === undefined ? undefined : roomIndex(s, input.room, '/body/room');
  let partner: number | undefined;
  if (input.withMeetingId !== undefined) {
    if (input.resolution !== 'swap')
      throw validationError('withMeetingId applies to a swap only', [
        { path: '/body/withMeetingId', message: `not used by ${input.resolution}` },
      ]);
    partner = meetingIndex(s, input.withMeetingId, '/body/withMeetingId');
  }
  if (input.resolution === 'swap' && (slot !== undefined || room !== undefined))
    throw validationError('A swap takes its places from the two meetings', [
      { path: input.slot !== undefined ? '/body/slot' : '/body/room', message: 'not used by swap' },
    ]);
  if (input.resolution === 'change_room' && slot !== undefined)
    throw validationError('A room change keeps the slot', [
      { path: '/body/slot', message: 'not used by change_room' },
    ]);
  requireUnpublished(s);
  let best: Option | null = null;
  for (const m of chosen) {
    const at = s.assignment.slot[m]!;
    if (input.resolution === 'swap') {
      const others =
        partner !== undefined ? [partner] : Array.from({ length: c.nMeetings }, (_, o) => o);
      for (const o of others) {
        if (o === m || c.meetingCourse[o] === c.meetingCourse[m]) continue;
        if (s.assignment.slot[o]! < 0 && at < 0) continue;
        const d = swapDelta(c, s.assignment, m, o);
        best = better(best, {
          moves: [
            { meeting: m, slot: s.assignment.slot[o]!, room: s.assignment.room[o]! },
            { meeting: o, slot: at, room: s.assignment.room[m]! },
          ],
          ...d,
        });
      }
      continue;
    }
    if (input.resolution === 'change_room' && at < 0) continue;
    const slots =
      input.resolution === 'change_room' ? [at] : slot === undefined ? undefined : [slot];
    const rooms = room === undefined ? undefined : [room];
    const [top] = rankPlacements(c, s.assignment, m, 1, {
      ...(slots ? { slots } : {}),
      ...(rooms ? { rooms } : {}),
    });
    if (top)
      best = better(best, {
        moves: [{ meeting: m, slot: top.slot, room: top.room }],
        deltaHard: top.deltaHard,
        deltaSoft: top.deltaSoft,
      });
  }
  const explicit =
    input.meetingId !== undefined &&
    (input.resolution === 'swap'
      ? partner !== undefined
      : room !== undefined && (slot !== undefined || input.resolution === 'change_room'));
  if (!best || (!explicit && best.deltaHard >= 0))
    throw unprocessable(
      `No ${input.resolution.replace('_', ' ')} of the meetings in ${cid} lowers the hard cost`,
      [{ path: '/body/resolution', message: `try another resolution than ${input.resolution}` }],
      'NO_RESOLUTION',
    );
  const result = await applyMoves(tx, s, best.moves, by, 'timetabling.schedule.conflict_resolved', {
    conflict: cid,
    resolution: input.resolution,
  });
  return {
    conflictId: cid,
    conflict: target.message,
    resolution: input.resolution,
    resolved: !result.conflicts.some((x) => x.message === target.message),
    ...result,
  };
}
