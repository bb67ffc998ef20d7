import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DatabaseHandle,
  migrateUp,
  migrationStatus,
  readMigrations,
  rollbackLast,
  rowsOf,
} from '#platform/db/index.js';
import { openEmptyDatabase } from '../helpers/template-database.js';

async function tableNames(database: DatabaseHandle): Promise<string[]> {
  const result = await database.db.execute(
    sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'lectern_migrations' ORDER BY 1`,
  );
  return rowsOf<{ table_name: string }>(result).map((r) => r.table_name);
}

describe('migrations', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openEmptyDatabase();
  });
  afterAll(() => database.close());

  it('should have a down script for every migration', () => {
    for (const migration of readMigrations()) expect(migration.down, migration.tag).not.toBeNull();
  });

  it('should apply all, roll back all, and apply all again', async () => {
    const all = readMigrations().map((m) => m.tag);
    expect(await migrateUp(database.db)).toEqual(all);
    const created = await tableNames(database);
    expect(created).toContain('users');
    expect((await migrationStatus(database.db)).every((s) => s.applied && !s.modified)).toBe(true);

    const rolledBack: string[] = [];
    for (;;) {
      const tag = await rollbackLast(database.db);
      if (!tag) break;
      rolledBack.push(tag);
    }
    expect(rolledBack).toEqual([...all].reverse());
    expect(await tableNames(database)).toEqual([]);
    expect((await migrationStatus(database.db)).every((s) => !s.applied)).toBe(true);

    expect(await migrateUp(database.db)).toEqual(all);
    expect(await tableNames(database)).toEqual(created);
    expect(await migrateUp(database.db)).toEqual([]);
  });
});
