import { and, isNotNull, lt, or } from 'drizzle-orm';
import { authSessions } from '../auth/tables.js';
import type { Executor } from '../db/index.js';
import { idempotencyKeys } from '../http/tables.js';
import { deleteFinishedBefore } from './repository.js';
import type { JobQueue } from './types.js';

export const CLEANUP_QUEUE = 'platform-cleanup';

export interface CleanupResult {
  idempotencyKeys: number;
  sessions: number;
  jobs: number;
}

const DAY_MS = 86_400_000;

/**
 * Deletes what nobody needs any more: expired idempotency records, login sessions (with their
 * refresh tokens) that expired or were revoked more than `retentionDays` ago, and records of
 * jobs that finished more than `retentionDays` ago. Ended sessions are kept that long so that a
 * stolen-token investigation can still see them.
 */
export async function cleanUp(
  executor: Executor,
  retentionDays: number,
  now = new Date(),
): Promise<CleanupResult> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const keys = await executor
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.expiresAt, now))
    .returning({ key: idempotencyKeys.key });
  const sessions = await executor
    .delete(authSessions)
    .where(
      or(
        lt(authSessions.expiresAt, cutoff),
        and(isNotNull(authSessions.revokedAt), lt(authSessions.revokedAt, cutoff)),
      ),
    )
    .returning({ id: authSessions.id });
  const jobs = await deleteFinishedBefore(executor, cutoff);
  return { idempotencyKeys: keys.length, sessions: sessions.length, jobs };
}

/** Registers the clean-up as a job and schedules it (one run per schedule across processes). */
export async function registerCleanup(
  jobs: JobQueue,
  executor: Executor,
  options: { retentionDays: number; cron: string },
): Promise<void> {
  jobs.register(
    CLEANUP_QUEUE,
    async ({ progress }) => {
      const result = await cleanUp(executor, options.retentionDays);
      await progress(
        100,
        `deleted ${result.idempotencyKeys} idempotency records, ${result.sessions} sessions, ${result.jobs} job records`,
      );
      return result;
    },
    { concurrency: 1 },
  );
  await jobs.schedule(CLEANUP_QUEUE, options.cron);
}
