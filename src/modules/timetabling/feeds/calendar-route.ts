import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '#platform/http/envelope.js';
import { CalendarResponse } from '../exports/schemas.js';
import type { FeedService } from './service.js';

/**
 * `GET /calendars/<token>.ics` at the root, where calendar apps subscribe: no login, the token
 * is the key (request logs show it as `[REDACTED]`). A revoked or unknown token is a 404.
 */
export const calendarRoute: FastifyPluginAsyncTypebox<{ feeds: FeedService }> = async (
  app,
  { feeds },
) => {
  app.get(
    '/calendars/:token.ics',
    {
      config: { public: true },
      schema: {
        tags: ['timetabling'],
        summary: "A calendar feed: its part of the term's published schedule",
        description:
          'The URL that `POST /api/v1/timetabling/terms/:id/feeds` answered with. iCalendar (RFC 5545) in the term’s zone with its VTIMEZONE; each meeting (or weekly series) keeps its UID across publications, so subscribed calendars update in place.',
        params: Type.Object({ token: Type.String({ maxLength: 100 }) }),
        response: { 200: CalendarResponse, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const body = await feeds.calendar(request.params.token);
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .send(body);
    },
  );
};
