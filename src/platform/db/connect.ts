import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Logger } from 'pino';
import { retryWithBackoff } from '../resilience/retry.js';
import { createPgListener } from './pg-listener.js';
import { createQueryObservers } from './query-observer.js';
import type { Database, DatabaseHandle } from './types.js';

export interface DatabaseOptions {
  /** PostgreSQL URL; when absent the embedded PGlite database is used. */
  url?: string;
  /** PGlite data directory (`memory://` keeps it in memory). */
  pgliteDir?: string;
  poolMax?: number;
  idleTimeoutMs?: number;
  statementTimeoutMs?: number;
  connectTimeoutSeconds?: number;
  log?: Pick<Logger, 'warn' | 'info'>;
}

/** Opens the application's database: PostgreSQL when a URL is given, PGlite otherwise. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.url
    ? openPostgres(options.url, options)
    : openPglite(options.pgliteDir ?? 'memory://');
}

/** The embedded database lives in `<DATA_DIR>/pglite`. */
export function pgliteDirFor(dataDir: string): string {
  return join(dataDir, 'pglite');
}

async function openPglite(dir: string): Promise<DatabaseHandle> {
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir);
  await client.waitReady;
  const observers = createQueryObservers();
  const db = drizzlePglite({ client, logger: observers.logger }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    observeQueries: observers.observe,
    execScript: async (sql) => {
      await client.exec(sql);
    },
    query: async <R>(sql: string, params: unknown[] = []) =>
      (await client.query<R>(sql, params)).rows,
    listen: async (channel, onMessage) => {
      const stop = await client.listen(channel, onMessage);
      return () => stop();
    },
    notify: async (channel, payload) => {
      await client.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    // PGlite is one connection behind a mutex: it is the whole pool.
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    ping: async () => {
      await client.query('select 1');
    },
    close: () => client.close(),
  };
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolMax ?? 10,
    idleTimeoutMillis: options.idleTimeoutMs ?? 10_000,
    connectionTimeoutMillis: 5_000,
    statement_timeout: options.statementTimeoutMs || undefined,
    application_name: 'lectern',
  });
  // An idle client losing its connection emits here; without a listener the process would crash.
  pool.on('error', (err) => options.log?.warn({ err }, 'idle PostgreSQL connection failed'));
  const timeoutMs = (options.connectTimeoutSeconds ?? 30) * 1000;
  try {
    await retryWithBackoff(
      async () => {
        const client = await pool.connect();
        client.release();
      },
      {
        maxElapsedMs: timeoutMs,
        initialDelayMs: 200,
        maxDelayMs: 5_000,
        onRetry: (err, attempt, delayMs) =>
          options.log?.warn(
            { attempt, delayMs, reason: err instanceof Error ? err.message : String(err) },
            'PostgreSQL not reachable yet; retrying',
          ),
      },
    );
  } catch (err) {
    await pool.end().catch(() => undefined);
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(
      `could not connect to PostgreSQL at ${redactUrl(url)} within ${timeoutMs / 1000} s (DB_CONNECT_TIMEOUT): ${reason}`,
      { cause: err },
    );
  }
  const observers = createQueryObservers();
  const db = drizzlePg({ client: pool, logger: observers.logger }) as unknown as Database;
  const listener = createPgListener(url, options.log);
  return {
    db,
    kind: 'postgres',
    observeQueries: observers.observe,
    listen: (channel, onMessage) => listener.listen(channel, onMessage),
    notify: async (channel, payload) => {
      await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    execScript: async (sql) => {
      await pool.query(sql);
    },
    query: async <R>(sql: string, params: unknown[] = []) =>
      (await pool.query(sql, params)).rows as R[],
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    ping: async () => {
      await pool.query('select 1');
    },
    close: async () => {
      await listener.close();
      await pool.end();
    },
  };
}

/** Hides the password of a connection URL for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable url>';
  }
}
