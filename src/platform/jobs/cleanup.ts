import { purgeExpiredAuthData } from '../auth/index.js';
import { type Database, inTransaction } from '../db/index.js';
import { pruneDispatchedBefore } from '../events/outbox-repository.js';
import { purgeExpiredKeys } from '../http/idempotency-repository.js';
import type { Storage } from '../storage/index.js';
import { deleteFinishedBefore, eventIdsOfUnfinishedJobs } from './repository.js';
import type { JobQueue } from './types.js';

export const CLEANUP_QUEUE = 'platform-cleanup';
/** The event log's share of the nightly clean-up, a job of its own on the same schedule. */
export const EVENTS_CLEANUP_QUEUE = 'platform-cleanup-events';

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

export interface EventsCleanupResult {
  events: number;
  receipts: number;
}

/**
 * Deletes the outbox events dispatched more than `retentionDays` ago (`0` keeps them forever)
 * and the consumers' receipts of deleted events. Never an event not yet dispatched, nor one a
 * job still queued or retrying names (a webhook delivery reads its event at every attempt).
 */
export async function cleanUpEvents(
  db: Database,
  retentionDays: number,
  now = new Date(),
): Promise<EventsCleanupResult> {
  if (retentionDays === 0) return { events: 0, receipts: 0 };
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  return inTransaction(db, async ({ tx }) =>
    pruneDispatchedBefore(tx, cutoff, await eventIdsOfUnfinishedJobs(tx)),
  );
}

/** Registers the clean-up as a job and schedules it (one run per schedule across processes). */
export async function registerCleanup(
  jobs: JobQueue,
  db: Database,
  options: {
    retentionDays: number;
    eventsRetentionDays: number;
    cron: string;
    storage?: Pick<Storage, 'purgeDeleted'>;
  },
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
  jobs.register(
    EVENTS_CLEANUP_QUEUE,
    async ({ progress }) => {
      const result = await cleanUpEvents(db, options.eventsRetentionDays);
      await progress(100, `deleted ${result.events} events, ${result.receipts} receipts`);
      return result;
    },
    { concurrency: 1 },
  );
  await jobs.schedule(EVENTS_CLEANUP_QUEUE, options.cron);
}
