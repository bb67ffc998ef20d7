import type { FastifyInstance } from 'fastify';
import type { JobContext } from '#platform/jobs/index.js';
import type { ModuleContext, ModuleJob } from '#platform/module-contract/index.js';
import { modelRoutes } from './routes.js';
import { createRiskScorer, type RiskScorer } from './scorer.js';
import {
  createModelService,
  SCORE_QUEUE,
  type ScoreJob,
  TRAIN_QUEUE,
  type TrainJob,
} from './service.js';

export { createRiskScorer, type Risk, type RiskScorer } from './scorer.js';

function modelServiceFor({ database, clock, jobs }: ModuleContext, scorer: RiskScorer) {
  return createModelService({ db: database.db, clock, jobs, scorer });
}

/** The model registry and scoring routes, under `/api/v1/engagement`. */
export async function registerModels(app: FastifyInstance, scorer: RiskScorer) {
  await app.register(modelRoutes, {
    prefix: '/api/v1',
    models: modelServiceFor(app.lectern, scorer),
  });
}

/** Training (one job per version) and scoring runs (one snapshot per learner). */
export const modelJobs = (context: ModuleContext): ModuleJob[] => {
  const models = modelServiceFor(
    context,
    createRiskScorer({ db: context.database.db, clock: context.clock }),
  );
  return [
    {
      queue: TRAIN_QUEUE,
      handler: (ctx) => models.runTraining(ctx as JobContext<TrainJob>),
      // Training is deterministic: a retry would fail the same way.
      options: { retryLimit: 0, timeoutSeconds: 3600 },
    },
    {
      queue: SCORE_QUEUE,
      handler: (ctx) => models.runScoring(ctx as JobContext<ScoreJob>),
      options: { retryLimit: 1, retryDelaySeconds: 5, timeoutSeconds: 3600 },
    },
  ];
};
