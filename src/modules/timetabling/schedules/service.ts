import { writeAudit } from '#platform/audit/index.js';
import { type Database, inTransaction, isUuid } from '#platform/db/index.js';
import { notFound } from '#platform/errors/index.js';
import { compile, placementsToAssignment, writeItcSolution } from '../engine/index.js';
import type { ScheduleRow } from '../tables.js';
import { loadProblem } from '../terms/problem-store.js';
import { findTerm } from '../terms/repository.js';
import { termNotFound } from '../terms/service.js';
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
        await repo.publishSchedule(tx, schedule.termId, id, new Date());
        await writeAudit(tx, {
          action: 'timetabling.schedule.published',
          resourceType: 'timetabling_schedule',
          resourceId: id,
          details: { termId: schedule.termId },
        });
      });
      return summary(await get(id));
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
      const assignment = placementsToAssignment(compiled, {
        course: Int32Array.from(course),
        slot: Int32Array.from(slot),
        room: Int32Array.from(room),
        meeting: Int32Array.from(meeting),
      });
      return {
        contentType: 'text/plain; charset=utf-8',
        fileName: `schedule-${id}.sol`,
        body: writeItcSolution(compiled, assignment),
      };
    },
  };
}

export type ScheduleService = ReturnType<typeof createScheduleService>;
