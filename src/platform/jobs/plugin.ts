import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import type { DatabaseHandle } from '../db/index.js';
import type { Storage } from '../storage/index.js';
import { registerCleanup } from './cleanup.js';
import { registerProbe } from './probe.js';
import { createJobQueue } from './queue.js';
import { jobsRoutes } from './routes.js';
import { createJobsService } from './service.js';
import type { JobQueue } from './types.js';
import { restrictToOperationalRoutes } from './worker-role.js';

/** The queue as configured: `ROLE=api` processes enqueue but never take jobs. */
export function createJobQueueFromConfig(
  config: Config,
  database: DatabaseHandle,
  log: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>,
): JobQueue {
  return createJobQueue({
    database,
    log,
    work: config.ROLE !== 'api',
    pollIntervalMs: config.JOBS_POLL_INTERVAL_MS,
    retentionDays: config.CLEANUP_RETENTION_DAYS,
    maintenanceIntervalSeconds: config.JOBS_MAINTENANCE_INTERVAL_SECONDS,
    defaults: {
      concurrency: config.JOBS_CONCURRENCY,
      retryLimit: config.JOBS_RETRY_LIMIT,
      retryDelaySeconds: config.JOBS_RETRY_DELAY_SECONDS,
      timeoutSeconds: config.JOBS_TIMEOUT_SECONDS,
    },
  });
}

/** Leaves part of the shutdown budget for handing unfinished jobs back and closing the pools. */
export const jobsDrainTimeoutMs = (config: Config) =>
  Math.max(100, Math.floor(config.SHUTDOWN_TIMEOUT_MS * 0.8));

export interface JobsPluginOptions {
  config: Config;
  database: DatabaseHandle;
  jobs: JobQueue;
  /** Its deleted files are purged by the nightly clean-up. */
  storage?: Storage;
}

/**
 * The queue's lifecycle (start when the app is ready, drain on close), the jobs API, the
 * nightly clean-up, and the `ROLE=worker` restriction of HTTP.
 */
async function jobsPlugin(
  app: FastifyInstance,
  { config, database, jobs, storage }: JobsPluginOptions,
) {
  if (config.ROLE === 'worker') restrictToOperationalRoutes(app);
  await registerCleanup(jobs, database.db, {
    retentionDays: config.CLEANUP_RETENTION_DAYS,
    eventsRetentionDays: config.EVENTS_RETENTION_DAYS,
    cron: config.CLEANUP_CRON,
    storage,
  });
  registerProbe(jobs, database.db);
  app.addHook('onReady', async () => jobs.start());
  app.addHook('onClose', async () => jobs.stop({ timeoutMs: jobsDrainTimeoutMs(config) }));
  const service = createJobsService({ db: database.db, jobs });
  await app.register(jobsRoutes, { prefix: '/api/v1', service });
}

export const jobsPlatform = fp(jobsPlugin, {
  name: 'lectern-jobs',
  fastify: '5.x',
  dependencies: ['lectern-http', 'lectern-auth'],
});
