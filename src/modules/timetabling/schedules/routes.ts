import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePrincipal } from '#platform/auth/access.js';
import type { Database } from '#platform/db/index.js';
import { Envelope, errorResponses, ok } from '#platform/http/envelope.js';
import { createScheduleEditService } from './editing.js';
import {
  CompareQuery,
  ComparisonSchema,
  DuplicateBody,
  EditResultSchema,
  MeetingParams,
  MoveMeetingBody,
  ReSolveBody,
  ReSolveResultSchema,
  ResolveConflictBody,
  ResolveConflictResultSchema,
  ScheduleParams,
  ScheduleSummarySchema,
  SuggestionsQuery,
  SuggestionsSchema,
  WhyParams,
  WhyUnplacedSchema,
} from './schemas.js';
import { toScheduleSummary } from './service.js';

const tags = ['timetabling'];
const read = { permission: 'timetables:read' } as const;
const manage = { permission: 'timetables:manage' } as const;

/** Schedule versions and interactive repair under /timetabling/schedules. */
export const scheduleRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, { db }) => {
  const service = createScheduleEditService(db);
  const by = (p: Parameters<typeof requirePrincipal>[0]) => requirePrincipal(p).userId;

  app.post(
    '/timetabling/schedules/:id/duplicate',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Duplicate a schedule as a new unpublished version',
        description:
          'Same meetings and evaluation, origin `duplicate`; the way to change a published schedule.',
        params: ScheduleParams,
        body: Type.Optional(DuplicateBody),
        response: { 201: Envelope(ScheduleSummarySchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const row = await service.duplicate(
        request.params.id,
        request.body ?? {},
        by(request.principal),
      );
      return reply
        .status(201)
        .header('Location', `/api/v1/timetabling/schedules/${row.id}`)
        .send(ok(toScheduleSummary(row)));
    },
  );

  app.get(
    '/timetabling/schedules/compare',
    {
      config: read,
      schema: {
        tags,
        summary: 'Compare two schedules of a term',
        description:
          'Totals and per-constraint costs side by side (`delta` = b − a), and the meetings in another slot or room.',
        querystring: CompareQuery,
        response: { 200: Envelope(ComparisonSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ok(await service.compare(request.query.a, request.query.b)),
  );

  app.get(
    '/timetabling/schedules/:id/unplaced/:courseId/why',
    {
      config: read,
      schema: {
        tags,
        summary: "Why a course's meeting is unplaced",
        description:
          'For each slot: open (and in which rooms) or blocked, by which hard constraints and competing courses, in sentences.',
        params: WhyParams,
        response: { 200: Envelope(WhyUnplacedSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ok(await service.whyUnplaced(request.params.id, request.params.courseId)),
  );

  app.get(
    '/timetabling/schedules/:id/meetings/:mid/suggestions',
    {
      config: read,
      schema: {
        tags,
        summary: 'The best other places for one meeting',
        description:
          'Every slot × room ranked by the engine’s delta evaluation (hard, then soft), the best `limit`, each with its predicted cost change and the constraints it breaks or mends.',
        params: MeetingParams,
        querystring: SuggestionsQuery,
        response: { 200: Envelope(SuggestionsSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      ok(
        await service.suggestions(request.params.id, request.params.mid, request.query.limit ?? 20),
      ),
  );

  app.patch(
    '/timetabling/schedules/:id/meetings/:mid',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Move one meeting by hand',
        description:
          'Unpublished schedules only (409 `SCHEDULE_PUBLISHED`: duplicate it first). Stores origin `manual`; answers the new evaluation and the conflicts left.',
        params: MeetingParams,
        body: MoveMeetingBody,
        response: { 200: Envelope(EditResultSchema), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      ok(
        await service.moveMeeting(
          request.params.id,
          request.params.mid,
          request.body,
          by(request.principal),
        ),
      ),
  );

  app.post(
    '/timetabling/schedules/:id/conflicts/:cid/resolve',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Resolve one conflict',
        description:
          '`move` (to `slot`/`room` or the best place), `change_room` (same slot), `swap` (with `withMeetingId` or the best partner). `meetingId` picks which of the conflict’s meetings; left out, the engine picks. 422 `NO_RESOLUTION` when nothing of that kind lowers the hard cost.',
        params: Type.Object({
          id: Type.String({ format: 'uuid' }),
          cid: Type.String({ maxLength: 200 }),
        }),
        body: ResolveConflictBody,
        response: {
          200: Envelope(ResolveConflictResultSchema),
          ...errorResponses(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request) =>
      ok(
        await service.resolveConflict(
          request.params.id,
          request.params.cid,
          request.body,
          by(request.principal),
        ),
      ),
  );

  app.post(
    '/timetabling/schedules/:id/resolve',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Re-solve a schedule after its term changed, moving few meetings',
        description:
          'Minimal-perturbation re-solve (rooms withdrawn, instructors unavailable, courses added): starts from the schedule, pays `perturbationWeight` per moved meeting. Runs within the request on a small budget (≤ 10 s) and stores a new unpublished schedule (origin `resolve`); answers the moves and the diff.',
        params: ScheduleParams,
        body: Type.Optional(ReSolveBody),
        response: {
          201: Envelope(ReSolveResultSchema),
          ...errorResponses(400, 401, 403, 404, 422),
        },
      },
    },
    async (request, reply) => {
      const result = await service.reSolve(
        request.params.id,
        request.body ?? {},
        by(request.principal),
      );
      return reply
        .status(201)
        .header('Location', `/api/v1/timetabling/schedules/${result.scheduleId}`)
        .send(ok(result));
    },
  );
};
