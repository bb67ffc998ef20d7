import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '#platform/db/index.js';
import { blackoutRoutes } from './blackouts.js';
import { courseRoutes } from './courses.js';
import { curriculumRoutes } from './curricula.js';
import { instructorRoutes } from './instructors.js';
import { statsRoutes } from './stats.js';

/** A term's instructors, courses, curricula and blackouts, and `GET /timetabling/stats`. */
export const entityRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, { db }) => {
  for (const routes of [instructorRoutes, courseRoutes, curriculumRoutes, blackoutRoutes])
    await app.register(routes, { db });
  await app.register(statsRoutes, { db });
};
