import type { FastifyInstance } from 'fastify';
import type { CatalogDeps } from '../deps.js';
import { createAnalyticsService } from './analytics-service.js';
import { learningRoutes } from './routes.js';
import { createLearningService } from './service.js';

/**
 * What learners do (enrolment, lesson progress, quiz attempts, reviews) and what instructors
 * learn from it (analytics, the enrolments CSV).
 */
export async function registerLearning(app: FastifyInstance, deps: CatalogDeps): Promise<void> {
  const learning = createLearningService({ db: deps.db, cache: deps.cache, clock: deps.clock });
  const insights = createAnalyticsService({ db: deps.db });
  await app.register(learningRoutes, { learning, insights });
}
