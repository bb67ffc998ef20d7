import type { DatabaseHandle } from '../db/index.js';
import { migrationsUpToDate } from '../db/index.js';
import type { RedisClients } from '../redis/index.js';

export type CheckResult = 'ok' | 'disabled' | string;

export interface ReadinessDeps {
  database: DatabaseHandle;
  redis?: RedisClients;
  timeoutMs?: number;
}

const withTimeout = <T>(promise: Promise<T>, ms: number, what: string) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms).unref(),
    ),
  ]);

const failure = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Checks what a request needs: the database answers, every migration is applied, Redis (when
 * configured) answers. Each check yields `ok`, `disabled` or the reason it failed.
 */
export function createReadinessCheck({ database, redis, timeoutMs = 2000 }: ReadinessDeps) {
  // Migrations are not unapplied under a running server, so once true stays true.
  let migrated = false;
  return async (): Promise<Record<'database' | 'migrations' | 'redis', CheckResult>> => {
    const [db, migrations, cache] = await Promise.all([
      withTimeout(database.ping(), timeoutMs, 'the database').then(() => 'ok', failure),
      migrated
        ? 'ok'
        : withTimeout(migrationsUpToDate(database.db), timeoutMs, 'the database').then((done) => {
            migrated = done;
            return done ? 'ok' : 'pending migrations (run `lectern db migrate`)';
          }, failure),
      redis
        ? withTimeout(redis.command.ping(), timeoutMs, 'Redis').then(() => 'ok', failure)
        : 'disabled',
    ]);
    return { database: db, migrations, redis: cache };
  };
}
