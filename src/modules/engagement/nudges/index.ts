import type { FastifyInstance } from 'fastify';
import { createExperimentService } from './experiment-service.js';
import { createNudgeService, nudgeTopic } from './nudge-service.js';
import { createPromptService } from './prompt-service.js';
import { nudgeRoutes } from './routes.js';

export { nudgeEvents } from './events.js';

/** Nudges, their prompt versions and experiments, under `/api/v1/engagement`. */
export async function registerNudges(app: FastifyInstance) {
  const { database, clock, llm, realtime, config } = app.lectern;
  const db = database.db;
  // A learner's in-app nudges reach their own sockets only.
  realtime.topics.register('nudges:{id}', (p, _topic, { id }) => p.userId === id);
  await app.register(nudgeRoutes, {
    prefix: '/api/v1',
    nudges: createNudgeService({
      db,
      clock,
      llm,
      realtime,
      perWeek: config.ENGAGEMENT_NUDGES_PER_WEEK,
    }),
    prompts: createPromptService({ db, clock }),
    experiments: createExperimentService({ db, clock }),
  });
}

export { nudgeTopic };
