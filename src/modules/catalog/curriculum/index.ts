import type { FastifyInstance } from 'fastify';
import type { CatalogDeps } from '../deps.js';
import { quizRoutes } from './quiz-routes.js';
import { createQuizService } from './quiz-service.js';
import { curriculumRoutes } from './routes.js';
import { createCurriculumService } from './service.js';

export { type ContentAccess, lessonContentAccess } from '../access.js';

/** Sections, lessons and quizzes of a course, and the lesson content learners study. */
export async function registerCurriculum(app: FastifyInstance, deps: CatalogDeps): Promise<void> {
  const { db, cache } = deps;
  await app.register(curriculumRoutes, { service: createCurriculumService({ db, cache }) });
  await app.register(quizRoutes, { service: createQuizService({ db, cache }) });
}
