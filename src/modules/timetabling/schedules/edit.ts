import { writeAudit } from '#platform/audit/index.js';
import type { Executor } from '#platform/db/index.js';
import { conflict } from '#platform/errors/index.js';
import { type Assignment, cloneAssignment, evaluatePlacements } from '../engine/index.js';
import { conflictsOf, evaluationDto } from './conflict-list.js';
import { type LoadedSchedule, meetingRef, placeRef, rowPlacements } from './loaded.js';
import * as repo from './repository.js';

export interface Move {
  meeting: number;
  slot: number;
  room: number;
}

/** Published schedules are what people follow: they change only through a duplicate. */
export function requireUnpublished(s: LoadedSchedule) {
  if (s.schedule.published)
    throw conflict(
      'The schedule is published; duplicate it (POST /schedules/:id/duplicate) and change the copy',
      'SCHEDULE_PUBLISHED',
    );
}

/**
 * Applies moves to a loaded schedule inside the caller's transaction: stores the meetings, the
 * new evaluation and `origin` ('manual'), writes the audit row, and answers the evaluation
 * before and after with the conflicts left.
 */
export async function applyMoves(
  tx: Executor,
  s: LoadedSchedule,
  moves: Move[],
  by: string | null,
  action: string,
  details: Record<string, unknown> = {},
) {
  const before = evaluatePlacements(s.compiled, rowPlacements(s, s.assignment));
  const next: Assignment = cloneAssignment(s.assignment);
  for (const mv of moves) {
    next.slot[mv.meeting] = mv.slot;
    next.room[mv.meeting] = mv.slot < 0 ? -1 : mv.room;
  }
  const after = evaluatePlacements(s.compiled, rowPlacements(s, next));
  const rowsFor = (ms: Move[]) =>
    ms.map((mv) => ({ mv, place: placeRef(s, next.slot[mv.meeting]!, next.room[mv.meeting]!) }));
  const changed = rowsFor(moves.filter((mv) => s.rowOf.has(mv.meeting)));
  const added = rowsFor(moves.filter((mv) => !s.rowOf.has(mv.meeting)));
  await repo.saveMeetings(
    tx,
    s.schedule.id,
    changed.map(({ mv, place }) => ({
      id: s.rowOf.get(mv.meeting)!.id,
      slot: place.slot,
      roomId: place.roomId,
    })),
    added.map(({ mv, place }) => ({
      courseId: meetingRef(s, mv.meeting).courseId,
      meeting: meetingRef(s, mv.meeting).meeting,
      slot: place.slot,
      roomId: place.roomId,
    })),
  );
  await repo.saveEvaluation(tx, s.schedule.id, {
    hard: after.hard,
    soft: after.soft,
    breakdown: after.breakdown,
    origin: 'manual',
    by,
  });
  const moved = moves.map((mv) => ({
    ...meetingRef(s, mv.meeting),
    from: placeRef(s, s.assignment.slot[mv.meeting]!, s.assignment.room[mv.meeting]!),
    to: placeRef(s, next.slot[mv.meeting]!, next.room[mv.meeting]!),
  }));
  await writeAudit(tx, {
    action,
    resourceType: 'timetabling_schedule',
    resourceId: s.schedule.id,
    details: {
      ...details,
      moved: moved.map((m) => ({ course: m.course, meeting: m.meeting, to: m.to })),
      hard: after.hard,
      soft: after.soft,
    },
  });
  return {
    scheduleId: s.schedule.id,
    origin: 'manual',
    before: { hard: before.hard, soft: before.soft },
    ...evaluationDto(after),
    delta: { hard: after.hard - before.hard, soft: after.soft - before.soft },
    moved,
    conflicts: conflictsOf(after),
  };
}
