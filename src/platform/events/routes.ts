import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../db/index.js';
import { errorResponses, PageEnvelope } from '../http/envelope.js';
import { decodeIdCursor, pageOf, sendPage } from '../http/pagination.js';
import { parseTimestampQuery } from '../http/timestamp-query.js';
import { queryEvents } from './event-log.js';
import { DomainEventSchema, ListEventsQuery } from './schemas.js';

export const eventsRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/events',
    {
      config: { permission: 'events:read' },
      schema: {
        tags: ['events'],
        summary: 'The domain event log',
        description:
          'Every event services recorded, newest first; filter by type, subject and time range.',
        querystring: ListEventsQuery,
        response: { 200: PageEnvelope(DomainEventSchema), ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const { limit, cursor, from, to, ...filters } = request.query;
      const rows = await queryEvents(db, {
        ...filters,
        from: from ? parseTimestampQuery(from, 'from') : undefined,
        to: to ? parseTimestampQuery(to, 'to') : undefined,
        before: cursor ? decodeIdCursor(cursor) : undefined,
        limit: limit + 1,
      });
      return sendPage(
        request,
        reply,
        pageOf(rows, limit, (last) => ({ id: last.id })),
        limit,
      );
    },
  );
};
