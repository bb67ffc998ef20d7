import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePrincipal } from '#platform/auth/access.js';
import { Envelope, errorResponses, ok } from '#platform/http/envelope.js';
import { literalUnion } from '#platform/http/literal-union.js';
import { CONSTRAINTS, SOLVER_NAMES } from '../engine/index.js';
import { ExportFileResponse } from '../exports/schemas.js';
import { EXPORT_FORMATS, type ExportService } from '../exports/service.js';
import { conflictTypes, type ScheduleService } from '../schedules/service.js';
import type { SolveService } from './service.js';

const tags = ['timetabling'];
const read = { permission: 'timetables:read' } as const;
const manage = { permission: 'timetables:manage' } as const;
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

const SolveSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    termId: Type.String({ format: 'uuid' }),
    jobId: Nullable(Type.String({ format: 'uuid' })),
    solver: Type.String(),
    timeLimitSeconds: Type.Number(),
    seed: Type.Integer(),
    threads: Nullable(Type.Integer()),
    fromScheduleId: Nullable(Type.String({ format: 'uuid' })),
    status: Type.Union([
      Type.Literal('queued'),
      Type.Literal('running'),
      Type.Literal('completed'),
      Type.Literal('cancelled'),
      Type.Literal('failed'),
    ]),
    percent: Type.Number({ description: 'of the time budget used' }),
    bestHard: Nullable(Type.Integer()),
    bestSoft: Nullable(Type.Integer()),
    iterations: Type.Integer(),
    scheduleId: Nullable(Type.String({ format: 'uuid' })),
    error: Nullable(Type.String()),
    startedAt: Nullable(Type.String({ format: 'date-time' })),
    finishedAt: Nullable(Type.String({ format: 'date-time' })),
    createdAt: Type.String({ format: 'date-time' }),
    reSolve: Nullable(
      Type.Object(
        {
          fromScheduleId: Type.String({ format: 'uuid' }),
          moved: Type.Integer({
            description: 'meetings placed in the first schedule that now sit elsewhere',
          }),
          displaced: Type.Integer({
            description: 'of those, the ones the changed term no longer allowed where they were',
          }),
        },
        { description: 'a completed re-solve (one with `fromScheduleId`): what it moved' },
      ),
    ),
  },
  { title: 'Solve' },
);

const StartSolveBody = Type.Object(
  {
    solver: Type.Union(SOLVER_NAMES.map((s) => Type.Literal(s))),
    timeLimitSeconds: Type.Number({ minimum: 0.1, maximum: 3600 }),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })),
    threads: Type.Optional(Type.Integer({ minimum: 1, maximum: 256 })),
    fromScheduleId: Type.Optional(
      Type.String({
        format: 'uuid',
        description:
          'a schedule of the term to re-solve from: minimal perturbation, origin `resolve`',
      }),
    ),
    perturbationWeight: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 100_000,
        description: 'with `fromScheduleId`: the cost of one moved meeting (default 10)',
      }),
    ),
    queue: Type.Optional(
      Type.Boolean({ description: 'queue behind a running solve of the term instead of a 409' }),
    ),
  },
  {
    additionalProperties: false,
    examples: [{ solver: 'hybrid', timeLimitSeconds: 30, seed: 1 }],
  },
);

const MeetingSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  courseId: Type.String({ format: 'uuid' }),
  course: Type.String({ description: "the course's code in the term" }),
  courseName: Nullable(Type.String()),
  meeting: Type.Integer(),
  roomId: Nullable(Type.String({ format: 'uuid' })),
  room: Nullable(Type.String()),
  instructors: Type.Array(Type.String()),
  slot: Nullable(Type.Integer()),
  day: Nullable(Type.Integer()),
  period: Nullable(Type.Integer()),
  date: Nullable(Type.String()),
  start: Nullable(Type.String()),
  end: Nullable(Type.String()),
});

const ScheduleSummary = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    termId: Type.String({ format: 'uuid' }),
    name: Type.String(),
    origin: Type.String(),
    solveId: Nullable(Type.String({ format: 'uuid' })),
    hard: Type.Integer(),
    soft: Type.Integer(),
    published: Type.Boolean(),
    publishedAt: Nullable(Type.String({ format: 'date-time' })),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { title: 'ScheduleSummary' },
);

const ScheduleSchema = Type.Object(
  {
    ...ScheduleSummary.properties,
    breakdown: Type.Array(
      Type.Object({
        constraint: Type.String(),
        kind: Type.Union([Type.Literal('hard'), Type.Literal('soft')]),
        count: Type.Integer(),
        cost: Type.Integer(),
      }),
    ),
    meetings: Type.Array(MeetingSchema),
  },
  { title: 'Schedule' },
);

export const solveRoutes: FastifyPluginAsyncTypebox<{
  solves: SolveService;
  schedules: ScheduleService;
  exports: ExportService;
}> = async (app, { solves, schedules, exports }) => {
  app.get(
    '/timetabling/constraints',
    {
      config: read,
      schema: {
        tags,
        summary: 'The constraint registry',
        response: {
          200: Envelope(
            Type.Array(
              Type.Object({
                id: Type.String(),
                kind: Type.String(),
                defaultWeight: Type.Number(),
                description: Type.String(),
              }),
            ),
          ),
          ...errorResponses(401, 403),
        },
      },
    },
    async () =>
      ok(
        CONSTRAINTS.map((c) => ({
          id: c.id,
          kind: c.kind,
          defaultWeight: c.defaultWeight,
          description: c.description,
        })),
      ),
  );

  app.get(
    '/timetabling/solvers',
    {
      config: read,
      schema: {
        tags,
        summary: 'The solvers a solve may use',
        response: {
          200: Envelope(
            Type.Array(Type.Object({ id: Type.String(), multiThreaded: Type.Boolean() })),
          ),
          ...errorResponses(401, 403),
        },
      },
    },
    async () => ok(SOLVER_NAMES.map((id) => ({ id, multiThreaded: id === 'portfolio' }))),
  );

  app.post(
    '/timetabling/terms/:id/solves',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Solve a term (a job)',
        description:
          'Answers 202 at once; the solve runs as a job in the shared solver pool (`SOLVER_THREADS`) and reports progress on `GET /solves/:id`, the job and the WebSocket topic `solves:<id>`. 409 `SOLVE_IN_PROGRESS` while another solve of the term is queued or running, unless `queue` is true. 422 `TERM_INFEASIBLE` before solving when a course cannot be placed (the reason in `details`). With `fromScheduleId` (a schedule of the same term, else 422 naming it) the solve starts from that schedule and minimises the soft cost plus `perturbationWeight` per moved meeting, on one thread whatever the solver; the schedule it stores has origin `resolve` and the solve reports `reSolve.moved`.',
        params: Id,
        body: StartSolveBody,
        response: { 202: Envelope(SolveSchema), ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const solve = await solves.start(
        requirePrincipal(request.principal),
        request.params.id,
        request.body,
      );
      return reply
        .status(202)
        .header('Location', `/api/v1/timetabling/solves/${solve.id}`)
        .send(ok(solve));
    },
  );

  app.get(
    '/timetabling/solves/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'A solve: status, progress, best so far, its schedule',
        params: Id,
        response: { 200: Envelope(SolveSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ok(await solves.get(request.params.id)),
  );

  app.post(
    '/timetabling/solves/:id/cancel',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Cancel a solve',
        description:
          'A queued solve stops at once; a running one stops and keeps the best timetable it found as its schedule. 409 `SOLVE_FINISHED` when it is over.',
        params: Id,
        response: { 200: Envelope(SolveSchema), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ok(await solves.cancel(request.params.id)),
  );

  app.get(
    '/timetabling/terms/:id/schedules',
    {
      config: read,
      schema: {
        tags,
        summary: "A term's schedules",
        params: Id,
        response: {
          200: Envelope(Type.Array(ScheduleSummary)),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => ok(await schedules.list(request.params.id)),
  );

  app.get(
    '/timetabling/schedules/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'A schedule with its meetings and evaluation',
        params: Id,
        response: { 200: Envelope(ScheduleSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ok(await schedules.get(request.params.id)),
  );

  app.post(
    '/timetabling/schedules/:id/publish',
    {
      config: manage,
      schema: {
        tags,
        summary: "Publish a schedule (the term's previous one is unpublished)",
        params: Id,
        response: { 200: Envelope(ScheduleSummary), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ok(await schedules.publish(request.params.id)),
  );

  app.get(
    '/timetabling/schedules/:id/export',
    {
      config: read,
      schema: {
        tags,
        summary: 'Export a schedule',
        description:
          '`json`: the meetings; `csv`: one row per meeting (course, room, instructors, day, period, clock times, date); `xlsx`: a workbook with a `Meetings` sheet and a grid per room; `ics`: iCalendar (RFC 5545) in the term’s zone, dated terms as weekly recurrences without their holidays; `ctt`: the official ITC-2007 solution format (`course room day period` per line, with the instance’s own ids).',
        params: Id,
        querystring: Type.Object(
          { format: literalUnion(EXPORT_FORMATS) },
          { additionalProperties: false },
        ),
        response: { 200: ExportFileResponse, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const file = await exports.export(request.params.id, request.query.format);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body);
    },
  );

  const Strings = Type.Array(Type.String());
  const ConflictSchema = Type.Object(
    {
      id: Type.String(),
      type: Type.String({ examples: ['hard.room_clash'] }),
      severity: Type.Literal('error'),
      cost: Type.Number(),
      courses: Strings,
      rooms: Strings,
      instructors: Strings,
      curricula: Strings,
      slots: Strings,
      message: Type.String({ description: 'the conflict in a sentence' }),
    },
    { title: 'Conflict' },
  );

  app.get(
    '/timetabling/conflict-types',
    {
      config: read,
      schema: {
        tags,
        summary: 'The kinds of conflict (hard constraints)',
        response: {
          200: Envelope(
            Type.Array(
              Type.Object({
                id: Type.String(),
                severity: Type.Literal('error'),
                description: Type.String(),
              }),
            ),
          ),
          ...errorResponses(401, 403),
        },
      },
    },
    async () => ok(conflictTypes()),
  );

  app.get(
    '/timetabling/schedules/:id/conflicts',
    {
      config: read,
      schema: {
        tags,
        summary: "A schedule's conflicts",
        description: 'Every hard violation, with the entities involved and a sentence.',
        params: Id,
        response: {
          200: Envelope(Type.Array(ConflictSchema)),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => ok(await schedules.conflicts(request.params.id)),
  );

  app.get(
    '/timetabling/schedules/:id/conflicts/summary',
    {
      config: read,
      schema: {
        tags,
        summary: "A schedule's conflicts counted by type",
        params: Id,
        response: {
          200: Envelope(
            Type.Object({
              total: Type.Integer(),
              byType: Type.Array(Type.Object({ type: Type.String(), count: Type.Integer() })),
            }),
          ),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => ok(await schedules.conflictSummary(request.params.id)),
  );

  app.get(
    '/timetabling/schedules/:id/analysis',
    {
      config: read,
      schema: {
        tags,
        summary: 'Why a schedule costs what it costs',
        description:
          'Per constraint: weight, count, cost and each match with its justification sentence.',
        params: Id,
        response: {
          200: Envelope(
            Type.Object({
              hard: Type.Number(),
              soft: Type.Number(),
              constraints: Type.Array(
                Type.Object({
                  constraint: Type.String(),
                  kind: Type.String(),
                  weight: Type.Number(),
                  count: Type.Number(),
                  cost: Type.Number(),
                  matches: Type.Array(
                    Type.Object({
                      cost: Type.Number(),
                      courses: Strings,
                      slots: Strings,
                      justification: Type.String(),
                    }),
                  ),
                }),
              ),
            }),
          ),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => ok(await schedules.analysis(request.params.id)),
  );
};
