import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '../db/index.js';
import { eventsRoutes } from './routes.js';

async function eventsPlugin(app: FastifyInstance, { db }: { db: Database }) {
  await app.register(eventsRoutes, { prefix: '/api/v1', db });
}

/** `GET /api/v1/events`: the event log for administrators. */
export const eventsPlatform = fp(eventsPlugin, { name: 'lectern-events', fastify: '5.x' });
