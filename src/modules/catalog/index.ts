import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { isUuid } from '#platform/db/index.js';
import type { ModuleManifest } from '#platform/module-contract/index.js';
import { canManageCourse } from './access.js';
import { catalogApi } from './api.js';
import { coursePurgeJob, registerCourses } from './courses/index.js';
import { registerCurriculum } from './curriculum/index.js';
import { seedCatalogDemo } from './demo/index.js';
import type { CatalogDeps } from './deps.js';
import { catalogEvents } from './events.js';
import { catalogGdpr } from './gdpr.js';
import { registerLearning } from './learning/index.js';
import { registerMedia } from './media/index.js';
import { catalogPermissions } from './permissions.js';

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

export const catalogModule = fp(catalogPlugin, {
  name: 'lectern-catalog',
  fastify: '5.x',
  dependencies: ['lectern-http', 'lectern-auth', 'lectern-jobs'],
});

export const catalogManifest: ModuleManifest = {
  name: 'catalog',
  plugin: catalogModule,
  permissions: catalogPermissions,
  events: catalogEvents,
  gdpr: catalogGdpr,
  api: catalogApi,
  jobs: ({ database, storage, config, clock }) => [
    coursePurgeJob(database.db, storage, config.CLEANUP_CRON, clock),
  ],
  seed: async (db, log) => {
    const summary = await seedCatalogDemo(db, log);
    return summary
      ? {
          seeded: true,
          message: `demo catalog seeded: ${summary.courses} courses, ${summary.enrolments} enrolments`,
        }
      : {
          seeded: false,
          message: 'the catalog already has courses or no demo people; no catalog seeded',
        };
  },
};

export {
  type CatalogApi,
  type CourseCompleted,
  type CourseSummary,
  catalogApi,
  type LearnerEnrolment,
  type LessonCompleted,
} from './api.js';
