import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Database, inTransaction } from '../db/index.js';
import { appendEvent } from '../events/index.js';
import type { JobQueue } from './types.js';

export const PROBE_QUEUE = 'platform-probe';
export const PROBE_EVENT = 'job.probe_completed';
export const MAX_PROBE_SLEEP_MS = 5000;

/** Names this process in probe results, so operators see which worker ran what. */
export const INSTANCE_ID = `${hostname()}:${process.pid}`;

export interface ProbeData {
  /** How long the probe job holds its worker slot (to see concurrency and failover at work). */
  sleepMs: number;
}

/**
 * The queue's self-test: a probe job waits `sleepMs`, then records which process ran it as a
 * `job.probe_completed` event. Operators enqueue a batch (`POST /api/v1/jobs/probes`) to check
 * that every worker takes jobs and each job runs once.
 */
export function registerProbe(jobs: JobQueue, db: Database): void {
  jobs.register<ProbeData, { instance: string; attempt: number }>(
    PROBE_QUEUE,
    async ({ id, data, attempt, signal, progress }) => {
      await progress(0, `running on ${INSTANCE_ID}`);
      if (data.sleepMs > 0) await sleep(data.sleepMs, undefined, { signal });
      await inTransaction(db, ({ tx }) =>
        appendEvent(tx, {
          type: PROBE_EVENT,
          subjectType: 'job',
          subjectId: id,
          actorId: null,
          data: { instance: INSTANCE_ID, attempt },
        }),
      );
      return { instance: INSTANCE_ID, attempt };
    },
    // A probe sleeps at most MAX_PROBE_SLEEP_MS: a run still going after 10 s belongs to a dead worker.
    { concurrency: 10, retryLimit: 3, retryDelaySeconds: 1, timeoutSeconds: 10 },
  );
}
