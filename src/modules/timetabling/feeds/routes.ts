import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requirePrincipal } from '#platform/auth/access.js';
import { Envelope, errorResponses, ok, PageEnvelope } from '#platform/http/envelope.js';
import { literalUnion } from '#platform/http/literal-union.js';
import { LimitQuerySchema, sendPage } from '#platform/http/pagination.js';
import { FEED_KINDS } from '../tables.js';
import type { FeedService } from './service.js';

const tags = ['timetabling'];
const read = { permission: 'timetables:read' } as const;
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });

const FeedSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    termId: Type.String({ format: 'uuid' }),
    kind: literalUnion(FEED_KINDS),
    subjectId: Type.String({
      format: 'uuid',
      description: 'the room, instructor, curriculum or user',
    }),
    createdBy: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { title: 'CalendarFeed' },
);

const CreateFeedBody = Type.Object(
  {
    kind: literalUnion(FEED_KINDS),
    id: Type.String({
      format: 'uuid',
      description: 'the room, instructor or curriculum of the term; for `learner`, the user',
    }),
  },
  {
    additionalProperties: false,
    examples: [{ kind: 'room', id: '0190a0b0-0000-7000-8000-000000000001' }],
  },
);

/** Where a feed's token opens its calendar, on the host the request came to. */
const feedUrl = (request: FastifyRequest, token: string) =>
  `${request.protocol}://${request.host}/calendars/${token}.ics`;

/** Calendar feeds of a term: made (URL shown once), listed, revoked. */
export const feedRoutes: FastifyPluginAsyncTypebox<{ feeds: FeedService }> = async (
  app,
  { feeds },
) => {
  app.post(
    '/timetabling/terms/:id/feeds',
    {
      // The URL is the feed's only key: never kept for an Idempotency-Key replay.
      config: { ...read, idempotency: 'no-store' },
      schema: {
        tags,
        summary: 'Make a calendar feed (its URL is shown once)',
        description:
          "A secret URL (`GET /calendars/<token>.ics`, no login) serving the term's published schedule for a room, instructor, curriculum or learner (the term's courses linked to the catalog courses the learner is enrolled in) as iCalendar, for calendar apps to subscribe to. Only a hash of the token is stored: the URL is in this response only, and an `Idempotency-Key` retry gets 409 `IDEMPOTENCY_KEY_NOT_REPLAYABLE`. Another user's learner feed needs `timetables:manage`. 422 `FEED_SUBJECT_NOT_FOUND` when the term has no such room, instructor or curriculum.",
        params: Id,
        body: CreateFeedBody,
        response: {
          201: Envelope(
            Type.Object({
              ...FeedSchema.properties,
              url: Type.String({ format: 'uri', description: 'the feed; shown only now' }),
            }),
          ),
          ...errorResponses(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const { feed, token } = await feeds.create(
        requirePrincipal(request.principal),
        request.params.id,
        request.body,
      );
      return reply
        .status(201)
        .header('Cache-Control', 'no-store')
        .send(ok({ ...feed, url: feedUrl(request, token) }));
    },
  );

  app.get(
    '/timetabling/terms/:id/feeds',
    {
      config: read,
      schema: {
        tags,
        summary: "A term's live calendar feeds (yours, or all with timetables:manage)",
        description: 'Newest first. The URLs are not shown again: revoke a feed and make another.',
        params: Id,
        querystring: Type.Object(LimitQuerySchema.properties, { additionalProperties: false }),
        response: { 200: PageEnvelope(FeedSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      sendPage(
        request,
        reply,
        await feeds.list(requirePrincipal(request.principal), request.params.id, request.query),
        request.query.limit,
      ),
  );

  app.delete(
    '/timetabling/feeds/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'Revoke a calendar feed (its URL then answers 404)',
        params: Id,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await feeds.revoke(requirePrincipal(request.principal), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
