import { writeAudit } from '#platform/audit/index.js';
import { type Database, type Executor, inTransaction, isUuid } from '#platform/db/index.js';
import { compareSchedules } from './compare.js';
import { loadSchedule, meetingIndex } from './loaded.js';
import {
  type MoveInput,
  moveMeeting,
  type ResolveConflictInput,
  resolveConflict,
} from './repair.js';
import * as repo from './repository.js';
import { type ReSolveInput, reSolveSchedule } from './resolve.js';
import { suggestionsFor } from './suggestions.js';
import { whyUnplaced } from './why.js';

const loadLocked = async (tx: Executor, id: string) => {
  if (isUuid(id)) await repo.lockSchedule(tx, id);
  return loadSchedule(tx, id);
};

/** Schedule versions and interactive repair: duplicate, compare, explain, suggest, move, re-solve. */
export function createScheduleEditService(db: Database) {
  return {
    /** A new unpublished version with the same meetings and evaluation (origin `duplicate`). */
    async duplicate(id: string, input: { name?: string }, by: string | null) {
      return inTransaction(db, async ({ tx }) => {
        const s = await loadSchedule(tx, id);
        const costs = await repo.scheduleCosts(tx, id);
        const row = await repo.insertSchedule(tx, {
          termId: s.schedule.termId,
          name: input.name ?? `${s.schedule.name} (copy)`,
          origin: 'duplicate',
          solveId: s.schedule.solveId,
          hard: s.schedule.hard,
          soft: s.schedule.soft,
          breakdown: Object.fromEntries(
            costs.map((c) => [
              c.constraintId,
              {
                kind: c.hard ? ('hard' as const) : ('soft' as const),
                count: c.count,
                cost: c.cost,
                weight: c.count ? c.cost / c.count : 0,
              },
            ]),
          ),
          meetings: s.rows.map((r) => ({
            courseId: r.courseId,
            meeting: r.meeting,
            slot: r.slot,
            roomId: r.roomId,
          })),
          createdBy: by,
        });
        await writeAudit(tx, {
          action: 'timetabling.schedule.duplicated',
          resourceType: 'timetabling_schedule',
          resourceId: row.id,
          details: { from: id },
        });
        return row;
      });
    },

    compare: (a: string, b: string) => compareSchedules(db, a, b),

    async whyUnplaced(id: string, courseId: string) {
      return whyUnplaced(await loadSchedule(db, id), courseId);
    },

    async suggestions(id: string, mid: string, limit: number) {
      const s = await loadSchedule(db, id);
      return suggestionsFor(s, meetingIndex(s, mid), limit);
    },

    moveMeeting: (id: string, mid: string, input: MoveInput, by: string | null) =>
      inTransaction(db, async ({ tx }) =>
        moveMeeting(tx, await loadLocked(tx, id), mid, input, by),
      ),

    resolveConflict: (id: string, cid: string, input: ResolveConflictInput, by: string | null) =>
      inTransaction(db, async ({ tx }) =>
        resolveConflict(tx, await loadLocked(tx, id), cid, input, by),
      ),

    reSolve: (id: string, input: ReSolveInput, by: string | null) =>
      reSolveSchedule(db, id, input, by),
  };
}

export type ScheduleEditService = ReturnType<typeof createScheduleEditService>;
