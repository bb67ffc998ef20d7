import { sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { type DatabaseHandle, type Executor, inTransaction, newId } from '../db/index.js';
import { bossDbFor, bossDbForExecutor } from './boss-db.js';
import { PGBOSS_SCHEMA } from './boss-schema.js';
import { insertRecord, markCancelled } from './repository.js';
import { JobAborted, runJob } from './run-job.js';
import type {
  EnqueueOptions,
  HandlerOptions,
  JobHandler,
  JobProgressEvent,
  JobQueue,
  ProgressListener,
} from './types.js';
import { startWorkerLoop, type WorkerLoop } from './worker-loop.js';

/** NOTIFY channels: a job was enqueued (payload: queue), a job was cancelled (payload: id). */
export const JOBS_CHANNEL = 'lectern_jobs';
export const JOBS_CANCEL_CHANNEL = 'lectern_jobs_cancel';

export interface JobQueueOptions {
  database: DatabaseHandle;
  log: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  /** Take and run jobs in this process (false for `ROLE=api`: enqueue only). */
  work: boolean;
  defaults?: Partial<Required<HandlerOptions>>;
  pollIntervalMs?: number;
  /** pg-boss deletes its archived jobs after this many days. */
  retentionDays?: number;
  /** How often pg-boss expires runs past their timeout (those of dead workers) and archives. */
  maintenanceIntervalSeconds?: number;
}

type QueueSpec = Required<HandlerOptions> & { handler: JobHandler<unknown, unknown> };

interface Running {
  controller: AbortController;
  done: Promise<void>;
}

/** The dead-letter queue of `queue`: failed jobs land there for an operator to inspect. */
export const deadLetterQueue = (queue: string) => `${queue}__dead`;

/**
 * The job queue: pg-boss on the application's own database (PostgreSQL or PGlite), with a
 * record per job for the API (owner, progress, result, error), written in the same
 * transactions as pg-boss's own rows.
 */
export function createJobQueue(options: JobQueueOptions): JobQueue {
  const { database, log, work } = options;
  const defaults: Required<HandlerOptions> = {
    concurrency: 5,
    retryLimit: 3,
    retryDelaySeconds: 5,
    timeoutSeconds: 900,
    ...options.defaults,
  };
  const pollIntervalMs = Math.max(500, options.pollIntervalMs ?? 2000);
  const specs = new Map<string, QueueSpec>();
  const schedules: Array<{ queue: string; cron: string; data: Record<string, unknown> }> = [];
  const listeners = new Set<ProgressListener>();
  const loops = new Map<string, WorkerLoop>();
  const running = new Map<string, Running>();
  const unlisten: Array<() => Promise<void>> = [];
  // Queues registered after start are created in the background; enqueue waits for that.
  const activating = new Map<string, Promise<void>>();
  let state: 'new' | 'starting' | 'started' | 'stopped' = 'new';

  const boss = new PgBoss({
    db: bossDbFor(database) as PgBoss.Db,
    schema: PGBOSS_SCHEMA,
    migrate: true,
    // Maintenance (expiring runs of crashed processes, archiving) and cron belong to workers.
    supervise: work,
    schedule: work,
    deleteAfterDays: options.retentionDays ?? 14,
    // How soon the run of a worker that died (SIGKILL, lost machine) is expired and retried.
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
  });
  boss.on('error', (err: unknown) => log.warn({ err }, 'job queue error'));

  function publishProgress(event: JobProgressEvent): void {
    for (const listener of listeners) {
      Promise.resolve()
        .then(() => listener(event))
        .catch((err: unknown) => log.warn({ err, jobId: event.jobId }, 'progress listener failed'));
    }
  }

  async function createQueue(name: string, spec: QueueSpec): Promise<void> {
    const dead = deadLetterQueue(name);
    await boss.createQueue(dead);
    const queueOptions = {
      name,
      retryLimit: spec.retryLimit,
      retryDelay: spec.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: spec.timeoutSeconds,
      deadLetter: dead,
    };
    await boss.createQueue(name, queueOptions);
    // createQueue keeps an existing queue as it was: apply changed options too.
    await boss.updateQueue(name, queueOptions);
  }

  function startLoop(name: string, spec: QueueSpec): void {
    const loop = startWorkerLoop<PgBoss.JobWithMetadata<unknown>>({
      queue: name,
      concurrency: spec.concurrency,
      pollIntervalMs,
      log,
      fetch: (limit) => boss.fetch(name, { batchSize: limit, includeMetadata: true }),
      run: (job) => {
        const controller = new AbortController();
        const done = runJob({ boss, database, log, publishProgress }, spec, job, controller)
          .catch((err: unknown) => log.error({ err, jobId: job.id, queue: name }, 'job run failed'))
          .finally(() => running.delete(job.id));
        running.set(job.id, { controller, done });
        return done;
      },
    });
    loops.set(name, loop);
  }

  async function activate(name: string, spec: QueueSpec): Promise<void> {
    await createQueue(name, spec);
    if (work) startLoop(name, spec);
  }

  function onEnqueued(queue: string): void {
    // now() must pass the job's start_after (its transaction's time) before fetch sees it.
    setTimeout(() => loops.get(queue)?.wake(), 10).unref();
  }

  function onCancelled(jobId: string): void {
    running.get(jobId)?.controller.abort(new JobAborted('cancelled', 'cancelled'));
  }

  async function applySchedule(s: { queue: string; cron: string; data: Record<string, unknown> }) {
    await boss.schedule(s.queue, s.cron, s.data, { tz: 'UTC' });
  }

  return {
    register(queue, handler, handlerOptions = {}) {
      if (specs.has(queue)) throw new Error(`job queue "${queue}" already has a handler`);
      const spec = { ...defaults, ...handlerOptions, handler } as QueueSpec;
      specs.set(queue, spec);
      if (state === 'started') {
        const activation = activate(queue, spec);
        activating.set(queue, activation);
        activation.catch((err: unknown) => log.error({ err, queue }, 'could not start job queue'));
      }
    },

    async enqueue(tx: Executor, queue, data, enqueueOptions: EnqueueOptions = {}) {
      const spec = specs.get(queue);
      if (!spec) throw new Error(`no handler is registered for job queue "${queue}"`);
      if (state !== 'started') throw new Error('the job queue is not started');
      await activating.get(queue);
      const id = newId();
      const { priority, startAfter, singletonKey, singletonSeconds } = enqueueOptions;
      // pg-boss checks the keys present, so absent options must be absent, not undefined.
      const sendOptions: PgBoss.SendOptions = { id, db: bossDbForExecutor(tx) as PgBoss.Db };
      if (priority !== undefined) sendOptions.priority = priority;
      if (startAfter !== undefined) sendOptions.startAfter = startAfter;
      if (singletonKey !== undefined) sendOptions.singletonKey = singletonKey;
      if (singletonSeconds !== undefined) sendOptions.singletonSeconds = singletonSeconds;
      const sent = await boss.send(queue, (data ?? {}) as object, sendOptions);
      if (sent === null) return null;
      await insertRecord(tx, {
        id,
        queue,
        ownerId: enqueueOptions.ownerId ?? null,
        maxAttempts: spec.retryLimit + 1,
      });
      // Delivered at commit only: wakes the workers of every process.
      await tx.execute(sql`SELECT pg_notify(${JOBS_CHANNEL}, ${queue})`);
      return id;
    },

    async schedule(queue, cron, data = {}) {
      const entry = { queue, cron, data };
      schedules.push(entry);
      if (state === 'started') await applySchedule(entry);
    },

    async cancel(jobId) {
      const cancelled = await inTransaction(database.db, async ({ tx }) => {
        const queue = await markCancelled(tx, jobId);
        if (!queue) return false;
        await boss.cancel(queue, jobId, { db: bossDbForExecutor(tx) as PgBoss.Db });
        await tx.execute(sql`SELECT pg_notify(${JOBS_CANCEL_CHANNEL}, ${jobId})`);
        return true;
      });
      if (cancelled) onCancelled(jobId);
      return cancelled;
    },

    onProgress(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    async start() {
      if (state !== 'new') return;
      state = 'starting';
      await boss.start();
      for (const [name, spec] of specs) await createQueue(name, spec);
      state = 'started';
      for (const s of schedules) await applySchedule(s);
      if (!work) return;
      unlisten.push(await database.listen(JOBS_CHANNEL, onEnqueued));
      unlisten.push(await database.listen(JOBS_CANCEL_CHANNEL, onCancelled));
      for (const [name, spec] of specs) startLoop(name, spec);
    },

    async stop({ timeoutMs = 10_000 } = {}) {
      // 'starting' too: a start that failed halfway may have left pg-boss's timers running.
      if (state === 'new' || state === 'stopped') return;
      state = 'stopped';
      await Promise.all([...loops.values()].map((loop) => loop.stop()));
      for (const stopListening of unlisten.splice(0)) await stopListening().catch(() => undefined);
      const finished = Promise.allSettled([...running.values()].map((r) => r.done));
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([finished, deadline]);
      clearTimeout(timer);
      if (running.size > 0) {
        log.warn(
          { jobs: running.size },
          'jobs still running at shutdown; returning them to the queue',
        );
        for (const r of running.values())
          r.controller.abort(new JobAborted('shutdown', 'interrupted by shutdown'));
        await Promise.allSettled([...running.values()].map((r) => r.done));
      }
      await boss.stop({ graceful: false, close: false });
    },

    running: () => running.size,
  };
}
