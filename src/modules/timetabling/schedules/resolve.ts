import { performance } from 'node:perf_hooks';
import { writeAudit } from '#platform/audit/index.js';
import type { Database } from '#platform/db/index.js';
import { inTransaction } from '#platform/db/index.js';
import { unprocessable } from '#platform/errors/index.js';
import {
  evaluate,
  findInfeasibilities,
  type PlacedMeeting,
  placedMeetings,
  reSolve,
} from '../engine/index.js';
import { compareSchedules } from './compare.js';
import { loadSchedule } from './loaded.js';
import * as repo from './repository.js';

export interface ReSolveInput {
  timeLimitSeconds?: number;
  maxIterations?: number;
  seed?: number;
  perturbationWeight?: number;
}

/**
 * Minimal-perturbation re-solve of a schedule against its term as it is now (rooms withdrawn,
 * instructors unavailable, courses added): the engine starts from the schedule and pays
 * `perturbationWeight` per moved meeting. Runs here with a small budget (seconds) and stores the
 * result as a new unpublished schedule (origin `resolve`); answers it, the moves and the diff.
 */
export async function reSolveSchedule(
  db: Database,
  id: string,
  input: ReSolveInput,
  by: string | null,
) {
  const s = await loadSchedule(db, id);
  const reasons = findInfeasibilities(s.compiled);
  if (reasons.length)
    throw unprocessable(
      `The term cannot have a feasible timetable: ${reasons[0]!.reason}`,
      reasons.map((r) => ({ path: `/courses/${r.course}`, message: r.reason })),
      'TERM_INFEASIBLE',
    );
  const previous: PlacedMeeting[] = s.rows.map((r) => ({
    course: s.ids.courseCode.get(r.courseId) ?? '',
    meeting: r.meeting,
    slot: r.slot,
    room: r.roomId ? (s.ids.roomCode.get(r.roomId) ?? null) : null,
  }));
  const before = evaluate(s.compiled, s.assignment, 0);
  const result = await reSolve(s.compiled.problem, previous, {
    now: () => performance.now(),
    timeLimitMs: (input.timeLimitSeconds ?? 2) * 1000,
    seed: input.seed ?? 1,
    perturbationWeight: input.perturbationWeight ?? 10,
    ...(input.maxIterations !== undefined ? { maxIterations: input.maxIterations } : {}),
  });
  // Stored without the perturbation term, so the schedule's cost compares with any other's.
  const after = evaluate(s.compiled, result.assignment, 0);
  const placed = placedMeetings(s.compiled, result.assignment);
  const added = placed.filter(
    (p) =>
      !s.rows.some((r) => s.ids.courseCode.get(r.courseId) === p.course && r.meeting === p.meeting),
  ).length;
  const newId = await inTransaction(db, async ({ tx }) => {
    const row = await repo.insertSchedule(tx, {
      termId: s.schedule.termId,
      name: `${s.schedule.name} (re-solved)`,
      origin: 'resolve',
      hard: Math.round(after.hard),
      soft: Math.round(after.soft),
      breakdown: after.breakdown,
      meetings: placed.map((p) => ({
        courseId: s.ids.courseId.get(p.course)!,
        meeting: p.meeting,
        slot: p.slot,
        roomId: p.room === null ? null : s.ids.roomId.get(p.room)!,
      })),
      createdBy: by,
    });
    await writeAudit(tx, {
      action: 'timetabling.schedule.resolved',
      resourceType: 'timetabling_schedule',
      resourceId: row.id,
      details: { from: id, moved: result.moved, displaced: result.displaced, hard: after.hard },
    });
    return row.id;
  });
  const diff = await compareSchedules(db, id, newId);
  return {
    scheduleId: newId,
    fromScheduleId: id,
    before: { hard: before.hard, soft: before.soft },
    after: { hard: after.hard, soft: after.soft },
    moved: result.moved,
    displaced: result.displaced,
    added,
    iterations: result.iterations,
    elapsedMs: result.elapsedMs,
    diff,
  };
}
