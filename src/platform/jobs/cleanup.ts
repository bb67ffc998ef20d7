import { purgeExpiredAuthData } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { purgeExpiredKeys } from '../http/idempotency-repository.js';
import type { Storage } from '../storage/index.js';
import { deleteFinishedBefore } from './repository.js';
import type { JobQueue } from './types.js';

export const CLEANUP_QUEUE = 'platform-cleanup';

export interface CleanupResult {
  idempotencyKeys: number;
  sessions: number;
  loginFailures: number;
  jobs: number;
  files: number;
}

const DAY_MS = 86_400_000;

/**
 * Deletes what nobody needs any more, each part through the code that owns its tables: expired
 * idempotency records, login sessions (with their refresh tokens) that ended more than
 * `retentionDays` ago and stale login-failure counters, and records of jobs that finished more
 * than `retentionDays` ago, and the bytes and rows of stored files deleted more than
 * `retentionDays` ago. Ended sessions are kept that long so that a stolen-token investigation
 * can still see them.
 */
export async function cleanUp(
  db: Database,
  retentionDays: number,
  now = new Date(),
  storage?: Pick<Storage, 'purgeDeleted'>,
): Promise<CleanupResult> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const idempotencyKeys = await purgeExpiredKeys(db, now);
  const auth = await purgeExpiredAuthData(db, retentionDays);
  const jobs = await deleteFinishedBefore(db, cutoff);
  const files = storage ? await storage.purgeDeleted(db, cutoff) : 0;
  return { idempotencyKeys, sessions: auth.sessions, loginFailures: auth.failures, jobs, files };
}

/** Registers the clean-up as a job and schedules it (one run per schedule across processes). */
export async function registerCleanup(
  jobs: JobQueue,
  db: Database,
  options: { retentionDays: number; cron: string; storage?: Pick<Storage, 'purgeDeleted'> },
): Promise<void> {
  jobs.register(
    CLEANUP_QUEUE,
    async ({ progress }) => {
      const result = await cleanUp(db, options.retentionDays, new Date(), options.storage);
      await progress(
        100,
        `deleted ${result.idempotencyKeys} idempotency records, ${result.sessions} sessions, ${result.loginFailures} login-failure counters, ${result.jobs} job records, ${result.files} deleted files`,
      );
      return result;
    },
    { concurrency: 1 },
  );
  await jobs.schedule(CLEANUP_QUEUE, options.cron);
}
