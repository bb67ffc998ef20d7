import { type DatabaseHandle, isUuid } from '../db/index.js';
import { ALL_EVENTS_TOPIC, type TopicRegistry } from './topics.js';

export interface PlatformTopicDeps {
  /** The user who started a job, or null when the job does not exist (or has no owner). */
  jobOwner(jobId: string): Promise<string | null>;
}

/**
 * Reads a job's owner straight from the `jobs` table: the jobs module may not be loaded (or
 * migrated) yet, in which case nobody but `jobs:read` holders may follow a job.
 */
export function jobOwnerFromDatabase(database: DatabaseHandle): PlatformTopicDeps['jobOwner'] {
  return async (jobId) => {
    if (!isUuid(jobId)) return null;
    try {
      const [row] = await database.query<{ owner_id: string | null }>(
        'SELECT owner_id FROM jobs WHERE id = $1',
        [jobId],
      );
      return row?.owner_id ?? null;
    } catch {
      return null;
    }
  };
}

/** The topics the platform itself publishes to: all events, users, and job progress. */
export function registerPlatformTopics(registry: TopicRegistry, deps: PlatformTopicDeps): void {
  registry.register(ALL_EVENTS_TOPIC, (p) => p.permissions.has('events:read'));
  registry.register('users', (p) => p.permissions.has('users:read'));
  registry.register(
    'users:{id}',
    (p, _topic, { id }) => p.userId === id || p.permissions.has('users:read'),
  );
  registry.register('jobs:{id}', async (p, _topic, { id }) => {
    if (p.permissions.has('jobs:read')) return true;
    return id !== undefined && (await deps.jobOwner(id)) === p.userId;
  });
}
