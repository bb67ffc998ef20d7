import { writeAudit } from '#platform/audit/index.js';
import { type Database, inTransaction, isUuid } from '#platform/db/index.js';
import { notFound } from '#platform/errors/index.js';
import { currentContext } from '#platform/http/request-context.js';
import {
  CONSTRAINTS,
  type Compiled,
  compile,
  evaluatePlacements,
  type Placements,
  placementsToAssignment,
  writeItcSolution,
} from '../engine/index.js';
import { appendTermEvent } from '../events.js';
import type { ScheduleRow } from '../tables.js';
import { loadProblem } from '../terms/problem-store.js';
import { findTerm } from '../terms/repository.js';
import { termNotFound } from '../terms/service.js';
import { conflictsOf } from './conflict-list.js';
import * as repo from './repository.js';

export const scheduleNotFound = () => notFound('Schedule', 'SCHEDULE_NOT_FOUND');

const summary = (s: ScheduleRow) => ({
  id: s.id,
  termId: s.termId,
  name: s.name,
  origin: s.origin,
  solveId: s.solveId,
  hard: s.hard,
  soft: s.soft,
  published: s.published,
  publishedAt: s.publishedAt?.toISOString() ?? null,
  createdAt: s.createdAt.toISOString(),
});
/** A schedule row as the API's summary. */
export const toScheduleSummary = summary;

/** The stored meetings as the engine's placements (unplaced ones left out). */
function placementsOf(
  compiled: Compiled,
  meetings: Array<{ course: string; meeting: number; slot: number | null; room: string | null }>,
): Placements {
  const course: number[] = [];
  const slot: number[] = [];
  const room: number[] = [];
  const meeting: number[] = [];
  for (const m of meetings) {
    if (m.slot === null || m.room === null) continue;
    const ci = compiled.courseIndex.get(m.course)!;
    course.push(ci);
    slot.push(m.slot);
    room.push(compiled.roomIndex.get(m.room)!);
    meeting.push(compiled.courseFirstMeeting[ci]! + m.meeting);
  }
  return {
    course: Int32Array.from(course),
    slot: Int32Array.from(slot),
    room: Int32Array.from(room),
    meeting: Int32Array.from(meeting),
  };
}

const HARD_TYPES = CONSTRAINTS.filter((c) => c.kind === 'hard');

/** The kinds of conflict (hard constraints) a schedule can have. */
export const conflictTypes = () =>
  HARD_TYPES.map((c) => ({ id: c.id, severity: 'error' as const, description: c.description }));

export function createScheduleService(db: Database) {
  const get = async (id: string) => {
    const row = isUuid(id) ? await repo.findSchedule(db, id) : undefined;
    if (!row) throw scheduleNotFound();
    return row;
  };

  /** The schedule's meetings in the term's words: course, room, instructors, day, clock, date. */
  async function detailed(id: string) {
    const schedule = await get(id);
    const loaded = (await loadProblem(db, schedule.termId))!;
    const compiled = compile(loaded.problem);
    const [rows, costs] = await Promise.all([
      repo.scheduleMeetings(db, id),
      repo.scheduleCosts(db, id),
    ]);
    const courseByCode = new Map(loaded.problem.courses.map((c) => [c.id, c]));
    const meetings = rows.map((r) => {
      const code = loaded.ids.courseCode.get(r.courseId)!;
      const s = r.slot;
      const day = s === null ? null : compiled.slotDay[s]!;
      const period = s === null ? null : compiled.slotPeriod[s]!;
      return {
        id: r.id,
        courseId: r.courseId,
        course: code,
        courseName: courseByCode.get(code)?.name ?? null,
        meeting: r.meeting,
        roomId: r.roomId,
        room: r.roomId ? (loaded.ids.roomCode.get(r.roomId) ?? null) : null,
        instructors: courseByCode.get(code)?.instructors ?? [],
        slot: s,
        day,
        period,
        date: day === null ? null : compiled.grid.dayDates[day]!,
        start: period === null ? null : compiled.grid.periodStarts[period]!,
        end: period === null ? null : compiled.grid.periodEnds[period]!,
      };
    });
    return { schedule, loaded, compiled, meetings, costs };
  }

  return {
    async list(termId: string) {
      if (!isUuid(termId) || !(await findTerm(db, termId))) throw termNotFound();
      return (await repo.listSchedules(db, termId)).map(summary);
    },

    async get(id: string) {
      const { schedule, meetings, costs } = await detailed(id);
      return {
        ...summary(schedule),
        breakdown: costs.map((c) => ({
          constraint: c.constraintId,
          kind: c.hard ? ('hard' as const) : ('soft' as const),
          count: c.count,
          cost: c.cost,
        })),
        meetings,
      };
    },

    async publish(id: string) {
      const schedule = await get(id);
      await inTransaction(db, async ({ tx }) => {
        const previous = (await repo.listSchedules(tx, schedule.termId)).find(
          (s) => s.published && s.id !== id,
        );
        await repo.publishSchedule(tx, schedule.termId, id, new Date());
        const actor = currentContext()?.userId ?? null;
        await appendTermEvent(tx, 'schedule.published', schedule.termId, actor, {
          scheduleId: id,
          name: schedule.name,
          previousId: previous?.id ?? null,
        });
        if (previous)
          await appendTermEvent(tx, 'schedule.changed', schedule.termId, actor, {
            scheduleId: previous.id,
            change: 'unpublished',
          });
        await writeAudit(tx, {
          action: 'timetabling.schedule.published',
          resourceType: 'timetabling_schedule',
          resourceId: id,
          details: { termId: schedule.termId },
        });
      });
      return summary(await get(id));
    },

    /** Every hard violation of the schedule as a conflict with its entities and a sentence. */
    async conflicts(id: string) {
      const { compiled, meetings } = await detailed(id);
      const evaluation = evaluatePlacements(compiled, placementsOf(compiled, meetings));
      return conflictsOf(evaluation);
    },

    async conflictSummary(id: string) {
      const conflicts = await this.conflicts(id);
      const byType = new Map<string, number>();
      for (const c of conflicts) byType.set(c.type, (byType.get(c.type) ?? 0) + 1);
      return {
        total: conflicts.length,
        byType: HARD_TYPES.map((t) => ({ type: t.id, count: byType.get(t.id) ?? 0 })),
      };
    },

    /** Per constraint: weight, count, cost and each match with its justification sentence. */
    async analysis(id: string) {
      const { compiled, meetings } = await detailed(id);
      const evaluation = evaluatePlacements(compiled, placementsOf(compiled, meetings));
      return {
        hard: evaluation.hard,
        soft: evaluation.soft,
        constraints: Object.entries(evaluation.breakdown).map(([constraint, b]) => ({
          constraint,
          kind: b.kind,
          weight: b.weight,
          count: b.count,
          cost: b.cost,
          matches: evaluation.violations
            .filter((v) => v.constraint === constraint)
            .map((v) => ({
              cost: v.cost,
              courses: v.courses,
              slots: v.slots,
              justification: v.message,
            })),
        })),
      };
    },

    /** The schedule as a file: `json` (meetings) or `ctt` (ITC-2007 solution lines). */
    async export(id: string, format: 'json' | 'ctt') {
      const { schedule, compiled, meetings } = await detailed(id);
      if (format === 'json')
        return {
          contentType: 'application/json',
          fileName: `schedule-${id}.json`,
          body: JSON.stringify({ ...summary(schedule), meetings }, null, 2),
        };
      const assignment = placementsToAssignment(compiled, placementsOf(compiled, meetings));
      return {
        contentType: 'text/plain; charset=utf-8',
        fileName: `schedule-${id}.sol`,
        body: writeItcSolution(compiled, assignment),
      };
    },
  };
}

export type ScheduleService = ReturnType<typeof createScheduleService>;
