import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { isUuid } from '#platform/db/index.js';
import { canManageCourse } from './access.js';
import { registerCourses } from './courses/index.js';
import { registerCurriculum } from './curriculum/index.js';
import { seedCatalogDemo } from './demo/index.js';
import type { CatalogDeps } from './deps.js';
import { registerLearning } from './learning/index.js';
import { registerMedia } from './media/index.js';

/**
 * The catalog: courses and their publishing workflow (`courses/`), sections, lessons and quizzes
 * (`curriculum/`), what learners do (`learning/`: enrolment, progress, attempts, reviews,
 * analytics) and lesson media (`media/`: uploads and playback).
 */
async function catalogPlugin(app: FastifyInstance) {
  const { config, database, cache, jobs, events, realtime, storage, clock } = app.lectern;
  const deps: CatalogDeps = {
    config,
    db: database.db,
    cache,
    jobs,
    events,
    realtime,
    storage,
    clock,
  };
  // The demo people were seeded before this plugin; same default as the platform's demo seed.
  if (config.SEED_DEMO ?? !config.DATABASE_URL) await seedCatalogDemo(deps.db, app.log);

  // Catalog events carry learners' ids: the feed of all courses is for staff, a course's own
  // feed for its instructors too.
  realtime.topics.register('courses', (p) => p.permissions.has('courses:manage_any'));
  realtime.topics.register('courses:{id}', (p, _topic, { id }) =>
    id === undefined || !isUuid(id) ? false : canManageCourse(deps.db, p, id),
  );

  await app.register(
    async (api) => {
      await registerCourses(api, deps);
      await registerCurriculum(api, deps);
      await registerLearning(api, deps);
      await registerMedia(api, deps);
    },
    { prefix: '/api/v1' },
  );
}

export const catalogModule = fp(catalogPlugin, { name: 'lectern-catalog', fastify: '5.x' });
