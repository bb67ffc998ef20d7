import type { FastifyInstance } from 'fastify';
import type { JobContext } from '#platform/jobs/index.js';
import type { ModuleContext, ModuleJob } from '#platform/module-contract/index.js';
import { createExperimentService } from './experiment-service.js';
import { createNudgeService, nudgeTopic } from './nudge-service.js';
import { createPromptService } from './prompt-service.js';
import { nudgeRoutes } from './routes.js';
import { createSimulation, SIMULATION_QUEUE, type SimulationInput } from './simulation.js';

export { nudgeEvents } from './events.js';

function nudgeServicesFor({ database, clock, llm, realtime, config, jobs }: ModuleContext) {
  const db = database.db;
  const nudges = createNudgeService({
    db,
    clock,
    llm,
    realtime,
    perWeek: config.ENGAGEMENT_NUDGES_PER_WEEK,
  });
  return {
    nudges,
    prompts: createPromptService({ db, clock }),
    experiments: createExperimentService({ db, clock }),
    simulation: createSimulation({ db, clock, jobs, nudges }),
  };
}

/** Nudges, their prompt versions, experiments and simulation runs, under `/api/v1/engagement`. */
export async function registerNudges(app: FastifyInstance) {
  // A learner's in-app nudges reach their own sockets only.
  app.lectern.realtime.topics.register('nudges:{id}', (p, _topic, { id }) => p.userId === id);
  await app.register(nudgeRoutes, { prefix: '/api/v1', ...nudgeServicesFor(app.lectern) });
}

/** The simulation run: one job per request, its counts as the job's result. */
export const nudgeJobs = (context: ModuleContext): ModuleJob[] => {
  const { simulation } = nudgeServicesFor(context);
  return [
    {
      queue: SIMULATION_QUEUE,
      handler: (ctx) => simulation.run(ctx as JobContext<SimulationInput>),
      options: { retryLimit: 1, retryDelaySeconds: 5, timeoutSeconds: 3600 },
    },
  ];
};

export { nudgeTopic };
