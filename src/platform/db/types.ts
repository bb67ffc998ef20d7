import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { QueryListener } from './query-observer.js';

/** A Drizzle database over either engine (node-postgres or PGlite). */
export type Database = PgDatabase<PgQueryResultHKT>;
export type Transaction = PgTransaction<
  PgQueryResultHKT,
  Record<string, never>,
  ExtractTablesWithRelations<Record<string, never>>
>;
/** What repositories take first: the root database or, inside a unit of work, its transaction. */
export type Executor = Database | Transaction;

export type DatabaseKind = 'pglite' | 'postgres';

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  /** Runs parameter-free SQL that may hold several statements (migrations). */
  execScript(sql: string): Promise<void>;
  /** Runs one parameterised statement and returns its rows. */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /**
   * Calls `onMessage` for every NOTIFY on `channel`; returns a function that stops listening.
   * PostgreSQL uses one dedicated connection for all channels (reconnected when lost); PGlite
   * delivers only within this process.
   */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  /** `pg_notify(channel, payload)` outside any transaction. */
  notify(channel: string, payload: string): Promise<void>;
  poolStats(): PoolStats;
  /** Calls `listener` with every statement sent through `db`; returns the function that stops. */
  observeQueries(listener: QueryListener): () => void;
  ping(): Promise<void>;
  close(): Promise<void>;
}
