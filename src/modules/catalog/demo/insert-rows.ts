import type { PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '#platform/db/index.js';
import { type DemoCatalogRows, type DemoTableName, demoTables } from './demo-tables.js';

/** PostgreSQL takes at most 65 535 parameters per statement; no demo table has 20 columns. */
const ROWS_PER_STATEMENT = 2000;

/** Writes the rows table by table, parents first, a few multi-row statements per table. */
export async function insertDemoRows(tx: Executor, rows: DemoCatalogRows): Promise<void> {
  for (const name of Object.keys(demoTables) as DemoTableName[])
    await insertAll(tx, demoTables[name], rows[name]);
}

async function insertAll<T extends PgTable>(tx: Executor, table: T, rows: PgInsertValue<T>[]) {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT)
    await tx.insert(table).values(rows.slice(i, i + ROWS_PER_STATEMENT));
}
