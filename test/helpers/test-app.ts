import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { inject } from 'vitest';
import type { Clock } from '#platform/clock/index.js';
import { loadConfig } from '#platform/config/index.js';
import type { DatabaseHandle } from '#platform/db/index.js';
import { buildApp } from '../../src/app.js';
import { openScratchPostgres, openTestDatabase } from './template-database.js';

export interface TestApp {
  app: Awaited<ReturnType<typeof buildApp>>;
  database: DatabaseHandle;
  /** Every log line the app wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * Builds the app on its own database: a copy of the migrated PGlite template by default, or
 * the PostgreSQL of `DATABASE_URL` under `npm run test:services`.
 */
export interface TestAppOptions {
  /** Registers extra routes (e.g. a tiny route to exercise a convention) before `ready()`. */
  routes?: (app: TestApp['app']) => unknown;
  /** Where services read the time: pass a `testClock` to move it (default: the real clock). */
  clock?: Clock;
  /** The built dashboard to serve at `/` (default: the repository's web/dist, if built). */
  webRoot?: string;
}

export async function buildTestApp(
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lectern-test-data-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATA_DIR: dataDir,
    MIGRATE_ON_START: 'false',
    SEED_DEMO: 'false',
    // Suites send hundreds of requests from one address; test/limits checks the real budgets.
    RATE_LIMIT_ANON: '100000',
    RATE_LIMIT_AUTH: '100000',
    // Booting PGlite blocks the loop for seconds on a busy machine; test/limits covers shedding.
    UNDER_PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
    // Query counts must not depend on when a cached session hits its safety TTL on a slow machine;
    // revocations, not the TTL, are what the tests check.
    AUTH_CACHE_TTL_SECONDS: '3600',
    ...servicesEnv(),
    ...env,
  });
  const database = config.DATABASE_URL
    ? await openScratchPostgres(config.DATABASE_URL)
    : await openTestDatabase(inject('pgliteTemplateDir'));
  const logs: Array<Record<string, unknown>> = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) logs.push(JSON.parse(line));
      done();
    },
  });
  const app = await buildApp({
    config,
    database,
    logStream,
    clock: options.clock,
    webRoot: options.webRoot,
  });
  await options.routes?.(app);
  await app.ready();
  return {
    app,
    database,
    logs,
    close: async () => {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Test files run in parallel against one Redis: each file's apps get their own key prefix, or
 * one file's requests would spend another's rate-limit budget and receive its realtime events.
 * Apps of the same file share it, as processes of one deployment do.
 */
const redisKeyPrefix = `lectern-test-${randomUUID().slice(0, 8)}:`;

/** Under `npm run test:services`, tests run against the real PostgreSQL and Redis given. */
function servicesEnv(): Record<string, string> {
  if (!process.env.LECTERN_TEST_SERVICES) return {};
  const env: Record<string, string> = {};
  if (process.env.DATABASE_URL) env.DATABASE_URL = process.env.DATABASE_URL;
  if (process.env.REDIS_URL) {
    env.REDIS_URL = process.env.REDIS_URL;
    env.REDIS_KEY_PREFIX = redisKeyPrefix;
  }
  return env;
}
