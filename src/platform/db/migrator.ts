import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { rowsOf } from './raw.js';
import type { Database, Executor } from './types.js';

/** The committed migrations: drizzle-kit's SQL files, each with a hand-written `.down.sql`. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));

export interface Migration {
  tag: string;
  up: string[];
  down: string[] | null;
  hash: string;
}

export interface MigrationStatus {
  tag: string;
  applied: boolean;
  appliedAt: Date | null;
  /** The file changed after it was applied. */
  modified: boolean;
}

interface Journal {
  entries: Array<{ idx: number; tag: string }>;
}

const LOCK_KEY = 727_001; // any constant; serialises migration runs of concurrent instances

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as Journal;
  return [...journal.entries]
    .sort((a, b) => a.idx - b.idx)
    .map(({ tag }) => {
      const upText = readFileSync(join(dir, `${tag}.sql`), 'utf8');
      const downPath = join(dir, `${tag}.down.sql`);
      return {
        tag,
        up: splitStatements(upText),
        down: existsSync(downPath) ? splitStatements(readFileSync(downPath, 'utf8')) : null,
        hash: createHash('sha256').update(upText).digest('hex'),
      };
    });
}

function splitStatements(text: string): string[] {
  return text
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

async function ensureTable(db: Executor): Promise<void> {
  await db.execute(
    sql.raw(`CREATE TABLE IF NOT EXISTS lectern_migrations (
      tag text PRIMARY KEY,
      hash text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`),
  );
}

async function appliedRows(db: Executor) {
  const result = await db.execute(sql.raw('SELECT tag, hash, applied_at FROM lectern_migrations'));
  const rows = rowsOf<{ tag: string; hash: string; applied_at: string | Date }>(result);
  return new Map(rows.map((r) => [r.tag, { hash: r.hash, appliedAt: new Date(r.applied_at) }]));
}

export async function migrationStatus(db: Database, dir?: string): Promise<MigrationStatus[]> {
  await ensureTable(db);
  const applied = await appliedRows(db);
  return readMigrations(dir).map((m) => {
    const row = applied.get(m.tag);
    return {
      tag: m.tag,
      applied: row !== undefined,
      appliedAt: row?.appliedAt ?? null,
      modified: row !== undefined && row.hash !== m.hash,
    };
  });
}

/** Applies every pending migration, each in its own transaction. Returns the tags applied. */
export async function migrateUp(db: Database, dir?: string): Promise<string[]> {
  await ensureTable(db);
  const done: string[] = [];
  for (const migration of readMigrations(dir)) {
    const applied = await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
      const existing = await appliedRows(tx);
      if (existing.has(migration.tag)) return false;
      for (const statement of migration.up) await tx.execute(sql.raw(statement));
      await tx.execute(
        sql`INSERT INTO lectern_migrations (tag, hash) VALUES (${migration.tag}, ${migration.hash})`,
      );
      return true;
    });
    if (applied) done.push(migration.tag);
  }
  return done;
}

/** Undoes the most recently applied migration with its down script. Returns its tag or null. */
export async function rollbackLast(db: Database, dir?: string): Promise<string | null> {
  await ensureTable(db);
  const migrations = readMigrations(dir);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
    const applied = await appliedRows(tx);
    const last = [...migrations].reverse().find((m) => applied.has(m.tag));
    if (!last) return null;
    if (!last.down)
      throw new Error(`migration ${last.tag} has no ${last.tag}.down.sql; cannot roll back`);
    for (const statement of last.down) await tx.execute(sql.raw(statement));
    await tx.execute(sql`DELETE FROM lectern_migrations WHERE tag = ${last.tag}`);
    return last.tag;
  });
}

/** True when every committed migration is applied (used by `/ready`). */
export async function migrationsUpToDate(db: Database, dir?: string): Promise<boolean> {
  const status = await migrationStatus(db, dir);
  return status.every((s) => s.applied);
}
