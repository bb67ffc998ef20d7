import type { FastifyInstance } from 'fastify';
import type { CatalogDeps } from '../deps.js';
import { categoryRoutes } from './categories/routes.js';
import { createCategoryService } from './categories/service.js';
import { instructorRoutes } from './instructors/routes.js';
import { createInstructorService } from './instructors/service.js';
import { courseRoutes } from './routes.js';
import { createCourseService } from './service.js';
import { workflowRoutes } from './workflow-routes.js';
import { createCourseWorkflow } from './workflow-service.js';

export { coursePurgeJob, PURGE_DELETED_COURSES_QUEUE, purgeDeletedCourses } from './purge.js';
export { RESTORE_WINDOW_DAYS } from './service.js';

/**
 * Courses and categories: the public catalog (search, filters, includes), the life of a course
 * (create, change, delete, restore, duplicate), its publishing workflow and its instructors.
 * The nightly purge of courses deleted long ago is a job of the catalog's manifest.
 */
export async function registerCourses(app: FastifyInstance, deps: CatalogDeps): Promise<void> {
  const { db, cache, storage, clock } = deps;
  await app.register(courseRoutes, { service: createCourseService({ db, cache, clock }) });
  await app.register(workflowRoutes, {
    workflow: createCourseWorkflow({ db, cache, storage, clock }),
  });
  await app.register(instructorRoutes, {
    service: createInstructorService({ db, cache, revocations: app.lectern.revocations }),
  });
  await app.register(categoryRoutes, { service: createCategoryService({ db, cache }) });
}
