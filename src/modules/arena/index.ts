import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { poolFor } from '#modules/timetabling/index.js';
import type { ModuleContext, ModuleManifest } from '#platform/module-contract/index.js';
import { arenaRoutes } from './routes.js';
import { ARENA_QUEUE, ARENA_TOPIC, createArenaService } from './service.js';

const arenaServiceFor = (context: ModuleContext) =>
  createArenaService({
    db: context.database.db,
    jobs: context.jobs,
    realtime: context.realtime,
    pool: poolFor(context),
  });

/**
 * The solver arena: generated timetabling workloads solved by every competitor under the same
 * budget in the timetabling module's solver pool, a live leaderboard, and a k-NN selector.
 */
async function arenaPlugin(app: FastifyInstance) {
  const context = app.lectern;
  context.realtime.topics.register(ARENA_TOPIC, (p) => p.permissions.has('timetables:read'));
  await app.register(arenaRoutes, { prefix: '/api/v1', arena: arenaServiceFor(context) });
}

export const arenaModule = fp(arenaPlugin, {
  name: 'lectern-arena',
  fastify: '5.x',
  dependencies: ['lectern-http', 'lectern-auth', 'lectern-jobs', 'lectern-timetabling'],
});

export const arenaManifest: ModuleManifest = {
  name: 'arena',
  plugin: arenaModule,
  jobs: (context) => {
    const arena = arenaServiceFor(context);
    return [
      {
        queue: ARENA_QUEUE,
        handler: (ctx) => arena.runWorkload(ctx as Parameters<typeof arena.runWorkload>[0]),
        options: { concurrency: 1, retryLimit: 3, retryDelaySeconds: 1, timeoutSeconds: 6 * 3600 },
      },
    ];
  },
};
