import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, count, desc, eq, gt, inArray, isNotNull, sql, sum } from 'drizzle-orm';
import { Type } from 'typebox';
import type { Database, Executor } from '#platform/db/index.js';
import { Envelope, errorResponses, ok } from '#platform/http/envelope.js';
import type { TimeModel } from '../engine/index.js';
import { buildTimeGrid } from '../engine/time-grid.js';
import {
  SOLVE_STATUSES,
  ttAssignments,
  ttBlackouts,
  ttCourses,
  ttPeriods,
  ttRooms,
  ttSchedules,
  ttSolves,
  ttTerms,
  ttTermWeekdays,
} from '../tables.js';
import { read, tags } from './shared.js';

const Ratio = Type.Number({ minimum: 0 });
const StatsSchema = Type.Object(
  {
    terms: Type.Integer(),
    solves: Type.Object({
      total: Type.Integer(),
      byStatus: Type.Object(
        Object.fromEntries(SOLVE_STATUSES.map((s) => [s, Type.Integer()])) as Record<
          (typeof SOLVE_STATUSES)[number],
          ReturnType<typeof Type.Integer>
        >,
      ),
      last7Days: Type.Integer({ description: 'solves created in the last 7 days' }),
    }),
    schedules: Type.Integer(),
    published: Type.Integer({ description: 'schedules published' }),
    roomUtilisation: Type.Array(
      Type.Object({
        termId: Type.String({ format: 'uuid' }),
        termName: Type.String(),
        scheduleId: Type.String({ format: 'uuid' }),
        published: Type.Boolean(),
        utilisation: Type.Number({
          minimum: 0,
          maximum: 1,
          description: 'meetings placed in a room / (rooms × open slots)',
        }),
        seatUtilisation: Type.Number({
          ...Ratio,
          description:
            'enrolment / room capacity over the placed meetings (above 1 when rooms are overfull)',
        }),
      }),
      { description: 'per term with a schedule: its published one, else its latest' },
    ),
  },
  { title: 'TimetablingStats' },
);

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/** Open slots of a term's grid: teaching days × periods, less blacked-out ones. */
async function openSlots(executor: Executor, termId: string) {
  const [[term], periods, weekdays, blackouts] = await Promise.all([
    executor.select().from(ttTerms).where(eq(ttTerms.id, termId)),
    executor.select({ p: ttPeriods.position }).from(ttPeriods).where(eq(ttPeriods.termId, termId)),
    executor
      .select({ w: ttTermWeekdays.weekday })
      .from(ttTermWeekdays)
      .where(eq(ttTermWeekdays.termId, termId)),
    executor.select().from(ttBlackouts).where(eq(ttBlackouts.termId, termId)),
  ]);
  if (!term || !periods.length) return 0;
  const time: TimeModel =
    term.kind === 'weekly'
      ? { kind: 'weekly', days: term.days, periodsPerDay: periods.length }
      : {
          kind: 'dated',
          start: term.startDate!,
          end: term.endDate!,
          weekdays: weekdays.map((w) => w.w),
          periods: periods.map(() => ({ start: '00:00', end: '00:00' })),
          holidays: blackouts.filter((b) => b.period === null).map((b) => b.date),
          blackouts: blackouts
            .filter((b) => b.period !== null)
            .map((b) => ({ date: b.date, period: b.period! })),
        };
  const grid = buildTimeGrid(time);
  return grid.nDays * grid.periodsPerDay - grid.blackout.reduce((n, b) => n + b, 0);
}

async function roomUtilisation(db: Database) {
  const chosen = await db
    .selectDistinctOn([ttSchedules.termId], {
      scheduleId: ttSchedules.id,
      termId: ttSchedules.termId,
      termName: ttTerms.name,
      published: ttSchedules.published,
    })
    .from(ttSchedules)
    .innerJoin(ttTerms, eq(ttTerms.id, ttSchedules.termId))
    .orderBy(
      ttSchedules.termId,
      desc(ttSchedules.published),
      desc(ttSchedules.createdAt),
      desc(ttSchedules.id),
    );
  if (!chosen.length) return [];
  const scheduleIds = chosen.map((c) => c.scheduleId);
  const termIds = chosen.map((c) => c.termId);
  const [placed, rooms] = await Promise.all([
    db
      .select({
        scheduleId: ttAssignments.scheduleId,
        meetings: count(),
        students: sum(ttCourses.students).mapWith(Number),
        seats: sum(ttRooms.capacity).mapWith(Number),
      })
      .from(ttAssignments)
      .innerJoin(ttCourses, eq(ttCourses.id, ttAssignments.courseId))
      .innerJoin(ttRooms, eq(ttRooms.id, ttAssignments.roomId))
      .where(and(inArray(ttAssignments.scheduleId, scheduleIds), isNotNull(ttAssignments.slot)))
      .groupBy(ttAssignments.scheduleId),
    db
      .select({ termId: ttRooms.termId, n: count() })
      .from(ttRooms)
      .where(inArray(ttRooms.termId, termIds))
      .groupBy(ttRooms.termId),
  ]);
  const placedBy = new Map(placed.map((p) => [p.scheduleId, p]));
  const roomsBy = new Map(rooms.map((r) => [r.termId, r.n]));
  const result = [];
  for (const c of chosen) {
    const p = placedBy.get(c.scheduleId);
    const capacity = (roomsBy.get(c.termId) ?? 0) * (await openSlots(db, c.termId));
    result.push({
      ...c,
      utilisation: p && capacity > 0 ? round(Math.min(1, p.meetings / capacity)) : 0,
      seatUtilisation: p?.seats ? round(p.students / p.seats) : 0,
    });
  }
  return result;
}

/** `GET /timetabling/stats`: how many terms, solves and schedules, and how full the rooms are. */
export const statsRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/timetabling/stats',
    {
      config: read,
      schema: {
        tags,
        summary: 'Timetabling at a glance',
        description:
          'Counts of terms, solves (by status and in the last 7 days) and schedules, and for each term with a schedule the room and seat utilisation of its published (else latest) one.',
        response: { 200: Envelope(StatsSchema), ...errorResponses(401, 403) },
      },
    },
    async () => {
      const [[terms], solves, [recent], [schedules], utilisation] = await Promise.all([
        db.select({ n: count() }).from(ttTerms),
        db.select({ status: ttSolves.status, n: count() }).from(ttSolves).groupBy(ttSolves.status),
        db
          .select({ n: count() })
          .from(ttSolves)
          .where(gt(ttSolves.createdAt, sql`now() - interval '7 days'`)),
        db
          .select({
            n: count(),
            published: sql<number>`count(*) filter (where ${ttSchedules.published})`.mapWith(
              Number,
            ),
          })
          .from(ttSchedules),
        roomUtilisation(db),
      ]);
      const byStatus = Object.fromEntries(SOLVE_STATUSES.map((s) => [s, 0])) as Record<
        (typeof SOLVE_STATUSES)[number],
        number
      >;
      for (const s of solves)
        if (s.status in byStatus) byStatus[s.status as keyof typeof byStatus] = s.n;
      return ok({
        terms: terms!.n,
        solves: {
          total: solves.reduce((n, s) => n + s.n, 0),
          byStatus,
          last7Days: recent!.n,
        },
        schedules: schedules!.n,
        published: schedules!.published,
        roomUtilisation: utilisation,
      });
    },
  );
};
