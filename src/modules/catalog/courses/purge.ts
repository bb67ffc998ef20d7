import { writeAudit } from '#platform/audit/index.js';
import { type Clock, systemClock } from '#platform/clock/index.js';
import { type Database, inTransaction } from '#platform/db/index.js';
import type { ModuleJob } from '#platform/module-contract/index.js';
import type { Storage } from '#platform/storage/index.js';
import * as repo from './repository.js';
import { RESTORE_WINDOW_DAYS } from './service.js';

export const PURGE_DELETED_COURSES_QUEUE = 'catalog.purge_deleted_courses';

const DAY_MS = 86_400_000;

/**
 * Deletes for good the courses soft-deleted more than `RESTORE_WINDOW_DAYS` ago, with all their
 * content and learners' data (the foreign keys cascade), leaving one audit row per course. Their
 * cover and lesson files are marked deleted, so the platform's clean-up removes the bytes.
 */
export async function purgeDeletedCourses(
  db: Database,
  storage: Pick<Storage, 'softDeleteMany'>,
  clock: Clock = systemClock,
): Promise<{ purged: number; files: number }> {
  const cutoff = new Date(clock.nowMs() - RESTORE_WINDOW_DAYS * DAY_MS);
  return inTransaction(db, async ({ tx }) => {
    const files = await storage.softDeleteMany(tx, await repo.filesOfDeletedBefore(tx, cutoff));
    const purged = await repo.purgeDeletedBefore(tx, cutoff);
    for (const course of purged)
      await writeAudit(tx, {
        action: 'course.purged',
        resourceType: 'course',
        resourceId: course.id,
        actorId: null,
        details: { slug: course.slug, deletedAt: course.deletedAt?.toISOString() ?? null },
      });
    return { purged: purged.length, files };
  });
}

/** The nightly purge, as a job on the platform's clean-up schedule (one run across processes). */
export function coursePurgeJob(
  db: Database,
  storage: Pick<Storage, 'softDeleteMany'>,
  cron: string,
  clock: Clock,
): ModuleJob {
  return {
    queue: PURGE_DELETED_COURSES_QUEUE,
    handler: async ({ progress }) => {
      const result = await purgeDeletedCourses(db, storage, clock);
      await progress(100, `purged ${result.purged} deleted courses`);
      return result;
    },
    options: { concurrency: 1 },
    cron,
  };
}
