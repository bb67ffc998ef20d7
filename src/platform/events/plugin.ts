import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '../db/index.js';
import type { EventTypeEntry } from './catalogue.js';
import { eventsRoutes } from './routes.js';
import { eventTypesRoute } from './types-route.js';

export interface EventsPluginOptions {
  db: Database;
  /** The platform's and the modules' event types, merged at start. */
  eventTypes: readonly EventTypeEntry[];
}

async function eventsPlugin(app: FastifyInstance, { db, eventTypes }: EventsPluginOptions) {
  await app.register(eventsRoutes, { prefix: '/api/v1', db });
  await app.register(eventTypesRoute, { prefix: '/api/v1', eventTypes });
}

/** `GET /api/v1/events`: the event log for administrators; `GET /api/v1/events/types`. */
export const eventsPlatform = fp(eventsPlugin, {
  name: 'lectern-events',
  fastify: '5.x',
  dependencies: ['lectern-http', 'lectern-auth'],
});
