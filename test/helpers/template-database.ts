import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseHandle } from '#platform/db/index.js';
import { migrateUp, openDatabase } from '#platform/db/index.js';

export async function createTemplateDatabase(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-template-'));
  const handle = await openDatabase({ pgliteDir: dir });
  await migrateUp(handle.db);
  await handle.close();
  return dir;
}

/** A fresh, migrated PGlite database copied from the run's template; removed on close. */
export async function openTestDatabase(templateDir: string): Promise<DatabaseHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-test-db-'));
  cpSync(templateDir, dir, { recursive: true });
  const handle = await openDatabase({ pgliteDir: dir });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh, migrated database on the PostgreSQL server of `baseUrl`, created for one test file
 * and dropped on close, so that test files never see each other's rows.
 */
export async function openScratchPostgres(
  baseUrl: string,
  { migrate = true }: { migrate?: boolean } = {},
): Promise<DatabaseHandle> {
  const name = `lectern_t_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolMax: 5 });
  if (migrate) await migrateUp(handle.db);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: baseUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** An empty database with no migrations applied, on the engine the test run targets. */
export async function openEmptyDatabase(): Promise<DatabaseHandle> {
  const url = process.env.LECTERN_TEST_SERVICES === '1' ? process.env.DATABASE_URL : undefined;
  return url
    ? openScratchPostgres(url, { migrate: false })
    : openDatabase({ pgliteDir: 'memory://' });
}
