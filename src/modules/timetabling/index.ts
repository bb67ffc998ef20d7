import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { JobContext } from '#platform/jobs/index.js';
import type { ModuleContext, ModuleManifest } from '#platform/module-contract/index.js';
import { seedTimetablingDemo } from './demo.js';
import { roomRoutes } from './entities/rooms.js';
import { entityRoutes } from './entities/routes.js';
import { timetablingEvents } from './events.js';
import { exportRoutes } from './exports/routes.js';
import { createExportService } from './exports/service.js';
import { calendarRoute } from './feeds/calendar-route.js';
import { feedRoutes } from './feeds/routes.js';
import { createFeedService } from './feeds/service.js';
import { importTemplateRoutes } from './imports/routes.js';
import { timetablingPermissions } from './permissions.js';
import { createSolverPool, type SolverPool } from './runner/solver-pool.js';
import { scheduleRoutes } from './schedules/routes.js';
import { createScheduleService } from './schedules/service.js';
import { solveRoutes } from './solves/routes.js';
import { createSolveService, SOLVE_QUEUE } from './solves/service.js';
import { termRoutes } from './terms/routes.js';
import { createTermService } from './terms/service.js';

const RETRY_LIMIT = 2;

/** One solver pool per process, shared by every solve the process runs (and the arena's). */
const pools = new WeakMap<ModuleContext['config'], SolverPool>();
export const poolFor = (context: ModuleContext) => {
  let pool = pools.get(context.config);
  if (!pool) {
    pool = createSolverPool(context.config.SOLVER_THREADS);
    pools.set(context.config, pool);
  }
  return pool;
};

const solveServiceFor = (context: ModuleContext) =>
  createSolveService({
    db: context.database.db,
    jobs: context.jobs,
    realtime: context.realtime,
    pool: poolFor(context),
  });

/**
 * Timetabling: terms stored in the database (`terms/`: grid, rooms, instructors, courses,
 * curricula; imports from `.ctt` and JSON), solves as jobs in a shared pool of solver threads
 * (`solves/`), and the schedules they produce (`schedules/`), around the pure engine (`engine/`).
 */
async function timetablingPlugin(app: FastifyInstance) {
  const context = app.lectern;
  const db = context.database.db;
  context.realtime.topics.register('solves:{id}', (p) => p.permissions.has('timetables:read'));
  context.realtime.topics.register('terms', (p) => p.permissions.has('timetables:read'));
  context.realtime.topics.register('terms:{id}', (p) => p.permissions.has('timetables:read'));
  const terms = createTermService(db);
  const solves = solveServiceFor(context);
  const schedules = createScheduleService(db);
  const exports = createExportService(db, schedules);
  const feeds = createFeedService(db, schedules);
  await app.register(
    async (api) => {
      await api.register(termRoutes, { service: terms });
      await api.register(solveRoutes, { solves, schedules, exports });
      await api.register(roomRoutes, { db });
      await api.register(entityRoutes, { db });
      await api.register(scheduleRoutes, { db });
      await api.register(exportRoutes, { exports });
      await api.register(feedRoutes, { feeds });
      await api.register(importTemplateRoutes);
    },
    { prefix: '/api/v1' },
  );
  await app.register(calendarRoute, { feeds });
}

export const timetablingModule = fp(timetablingPlugin, {
  name: 'lectern-timetabling',
  fastify: '5.x',
  dependencies: ['lectern-http', 'lectern-auth', 'lectern-jobs'],
});

export const timetablingManifest: ModuleManifest = {
  name: 'timetabling',
  plugin: timetablingModule,
  permissions: timetablingPermissions,
  events: timetablingEvents,
  seed: (db, log, context) =>
    seedTimetablingDemo(
      context
        ? { db, pool: poolFor(context), realtime: context.realtime }
        : { db, pool: createSolverPool(1) },
      log,
    ),
  jobs: (context) => {
    const solves = solveServiceFor(context);
    return [
      {
        queue: SOLVE_QUEUE,
        handler: async (ctx: JobContext<{ solveId: string }>) => {
          try {
            return await solves.run(ctx);
          } catch (err) {
            // The last attempt records the failure on the solve; earlier ones are retried.
            if (ctx.attempt > RETRY_LIMIT)
              await solves.fail(ctx.data.solveId, err instanceof Error ? err.message : String(err));
            throw err;
          }
        },
        options: {
          concurrency: Math.max(2, context.config.SOLVER_THREADS + 1),
          retryLimit: RETRY_LIMIT,
          retryDelaySeconds: 1,
          timeoutSeconds: 3 * 3600,
        },
      },
    ];
  },
};

// What other modules (the solver arena) use: the engine's workloads and features, the pool, and
// storing a problem as a term.
export {
  compile,
  FEATURE_NAMES,
  generateWorkload,
  PRESET_NAMES,
  PRESETS,
  type PresetName,
  type Problem,
  type SolveResult,
  type SolverName,
  termFeatures,
} from './engine/index.js';
export type { SolverPool } from './runner/solver-pool.js';
export { ttTerms } from './tables.js';
export { insertProblem, termTimeColumns } from './terms/problem-store.js';
export { insertTerm } from './terms/repository.js';
