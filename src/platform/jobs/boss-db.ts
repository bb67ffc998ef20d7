import { type SQL, sql } from 'drizzle-orm';
import type { DatabaseHandle, Executor } from '../db/index.js';
import { rowsOf } from '../db/index.js';

/** What pg-boss calls to run SQL (its `db` option and the `db` of `send`, `complete`, …). */
export interface BossDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** A `;` followed by more SQL: pg-boss's parameter-free schema and maintenance scripts. */
const isScript = (text: string) => /;\s*\S/.test(text);

/**
 * pg-boss over the application's own database, on either engine. Parameterised statements go
 * through `query`; parameter-free multi-statement scripts (its schema creation and its locked
 * maintenance blocks) through `execScript`, since PGlite's `query` takes one statement only.
 */
export function bossDbFor(handle: DatabaseHandle): BossDb {
  return {
    async executeSql(text, values = []) {
      if (values.length === 0 && isScript(text)) {
        await handle.execScript(text);
        return { rows: [] };
      }
      return { rows: await handle.query(text, values) };
    },
  };
}

/**
 * pg-boss inside a Drizzle transaction (or on any executor): its `$n` placeholders become
 * Drizzle parameters, so the statement runs on the transaction's own connection and commits or
 * rolls back with the domain writes around it.
 */
export function bossDbForExecutor(executor: Executor): BossDb {
  return {
    async executeSql(text, values = []) {
      return { rows: rowsOf(await executor.execute(toDrizzleSql(text, values))) };
    },
  };
}

/** `select $1::int + $2` → Drizzle SQL with the values bound as parameters (never inlined). */
export function toDrizzleSql(text: string, values: readonly unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) {
      if (parts[i]) chunks.push(sql.raw(parts[i] as string));
      continue;
    }
    const index = Number(parts[i]) - 1;
    if (index < 0 || index >= values.length)
      throw new Error(`SQL refers to $${index + 1} but ${values.length} values were given`);
    chunks.push(sql`${sql.param(values[index] ?? null)}`);
  }
  return sql.join(chunks);
}
