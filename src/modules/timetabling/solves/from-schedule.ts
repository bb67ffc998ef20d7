import type { Executor } from '#platform/db/index.js';
import { unprocessable } from '#platform/errors/index.js';
import { findRecord } from '#platform/jobs/index.js';
import type { PlacedMeeting } from '../engine/index.js';
import { findSchedule, scheduleMeetings } from '../schedules/repository.js';
import type { SolveRow } from '../tables.js';
import type { loadProblem } from '../terms/problem-store.js';

type Ids = NonNullable<Awaited<ReturnType<typeof loadProblem>>>['ids'];

/** The schedule a solve starts from: one of the same term, else 422 naming the field. */
export async function requireFromSchedule(executor: Executor, termId: string, id: string) {
  const schedule = await findSchedule(executor, id);
  if (!schedule || schedule.termId !== termId)
    throw unprocessable(
      'The schedule to start from is not a schedule of this term',
      [{ path: '/body/fromScheduleId', message: `no schedule ${id} in this term` }],
      'FROM_SCHEDULE_INVALID',
    );
  return schedule;
}

/**
 * A schedule's meetings in the engine's ids, the `previous` of a re-solve. A meeting whose room
 * was deleted keeps its slot with no room: the engine counts it as displaced.
 */
export async function previousMeetings(
  executor: Executor,
  scheduleId: string,
  ids: Ids,
): Promise<{ name: string; previous: PlacedMeeting[] }> {
  const schedule = await findSchedule(executor, scheduleId);
  if (!schedule) throw new Error(`the schedule ${scheduleId} to start from no longer exists`);
  const rows = await scheduleMeetings(executor, scheduleId);
  const previous = rows.flatMap((r) => {
    const course = ids.courseCode.get(r.courseId);
    if (course === undefined) return [];
    const room = r.roomId ? (ids.roomCode.get(r.roomId) ?? null) : null;
    return [{ course, meeting: r.meeting, slot: r.slot, room }];
  });
  return { name: schedule.name, previous };
}

export interface ReSolveSummary {
  fromScheduleId: string;
  moved: number;
  displaced: number;
}

/** What a completed re-solve's job answered: the meetings it moved, for `GET /solves/:id`. */
export async function reSolveSummary(
  executor: Executor,
  solve: SolveRow,
): Promise<ReSolveSummary | null> {
  if (!solve.fromScheduleId || !solve.jobId || solve.status !== 'completed') return null;
  const job = await findRecord(executor, solve.jobId);
  const result = job?.result as Partial<ReSolveSummary> | null | undefined;
  if (typeof result?.moved !== 'number' || typeof result.displaced !== 'number') return null;
  return { fromScheduleId: solve.fromScheduleId, moved: result.moved, displaced: result.displaced };
}
