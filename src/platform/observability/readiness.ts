import type { CacheHealth } from '../cache/index.js';
import type { DatabaseHandle } from '../db/index.js';
import { migrationsUpToDate } from '../db/index.js';
import type { RedisClients } from '../redis/index.js';
import type { BreakerState } from '../resilience/index.js';

export type CheckResult = 'ok' | 'disabled' | string;

export interface ReadinessDeps {
  database: DatabaseHandle;
  redis?: RedisClients;
  /** The cache's own view of Redis (it probes in the background during an outage). */
  cacheHealth?: () => CacheHealth;
  /** Circuit breakers of outbound dependencies (webhook receivers, LLM, …). */
  breakers?: () => BreakerState[];
  timeoutMs?: number;
}

export interface Readiness {
  /** `ready`: all well. `degraded`: serving, but Redis or an outbound dependency is failing. */
  status: 'ready' | 'degraded' | 'not_ready';
  checks: {
    database: CheckResult;
    migrations: CheckResult;
    redis: CheckResult;
    cache: CacheHealth;
    breakers: Array<{ name: string; state: BreakerState['state'] }>;
  };
  /** The checks that failed, by name, with why. */
  failures: Array<{ path: string; message: string }>;
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
 * Checks what a request needs. Without the database or with pending migrations the process is
 * not ready (load balancers should stop sending it traffic). Redis, the cache and open circuit
 * breakers only make it `degraded`: it still serves, from the database and in-process caches.
 */
export function createReadinessCheck({
  database,
  redis,
  cacheHealth = () => 'disabled',
  breakers = () => [],
  timeoutMs = 2000,
}: ReadinessDeps) {
  // Migrations are not unapplied under a running server, so once true stays true.
  let migrated = false;
  return async (): Promise<Readiness> => {
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
    const checks = {
      database: db,
      migrations,
      redis: cache,
      cache: cacheHealth(),
      breakers: breakers().map((b) => ({ name: b.name, state: b.state })),
    };
    const bad = (r: CheckResult) => r !== 'ok' && r !== 'disabled';
    const failures = [
      ...(['database', 'migrations', 'redis'] as const)
        .filter((k) => bad(checks[k]))
        .map((k) => ({ path: k, message: checks[k] })),
      ...(checks.cache === 'degraded'
        ? [{ path: 'cache', message: 'Redis unreachable; serving from memory' }]
        : []),
      ...checks.breakers
        .filter((b) => b.state !== 'closed')
        .map((b) => ({ path: `breakers/${b.name}`, message: `circuit ${b.state}` })),
    ];
    const fatal = bad(db) || bad(migrations);
    const status = fatal ? 'not_ready' : failures.length > 0 ? 'degraded' : 'ready';
    return { status, checks, failures };
  };
}
