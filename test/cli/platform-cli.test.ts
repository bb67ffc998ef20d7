import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = new URL('../..', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'lectern-cli-'));

/** Runs `lectern …` as a process on a throw-away embedded database. */
async function lectern(...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/index.ts', ...args],
      {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
        timeout: 60_000,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('lectern CLI (platform commands)', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('should show help and exit 0, and exit 2 on usage errors', async () => {
    const help = await lectern('--help');
    expect(help.code).toBe(0);
    for (const command of ['serve', 'db', 'seed', 'user', 'timetable', 'fits'])
      expect(help.stdout).toContain(command);
    const unknown = await lectern('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command/);
    const missing = await lectern('user', 'create', '--email', 'x@example.org');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--password/);
  });

  it('should migrate, report status, roll back and migrate again', async () => {
    const pending = JSON.parse((await lectern('db', 'status', '--json')).stdout) as Array<{
      tag: string;
      applied: boolean;
    }>;
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((m) => !m.applied)).toBe(true);
    const migrate = await lectern('db', 'migrate');
    expect(migrate.code).toBe(0);
    for (const m of pending) expect(migrate.stdout).toContain(`applied ${m.tag}`);
    expect((await lectern('db', 'migrate')).stdout).toContain('already up to date');
    const last = pending.at(-1)!.tag;
    expect((await lectern('db', 'rollback')).stdout).toContain(`rolled back ${last}`);
    const status = await lectern('db', 'status');
    expect(status.stdout).toMatch(new RegExp(`${last}\\s+pending`));
    expect(status.stdout).toContain(`${pending.length - 1} applied, 1 pending`);
    expect((await lectern('db', 'migrate')).stdout).toContain(`applied ${last}`);
  }, 120_000);

  it('should create users, refusing weak passwords, duplicates and unknown roles', async () => {
    const created = await lectern(
      'user',
      'create',
      '--email',
      'head@college.example',
      '--password',
      'correct-horse-battery',
      '--role',
      'admin',
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/created user .* <head@college\.example> with roles admin/);
    const duplicate = await lectern(
      'user',
      'create',
      '--email',
      'HEAD@college.example',
      '--password',
      'correct-horse-battery',
    );
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/EMAIL_TAKEN/);
    const weak = await lectern(
      'user',
      'create',
      '--email',
      'weak@college.example',
      '--password',
      'password123',
    );
    expect(weak.code).toBe(1);
    const badRole = await lectern(
      'user',
      'create',
      '--email',
      'r@college.example',
      '--password',
      'correct-horse-battery',
      '--role',
      'dean',
    );
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/must be one of admin, staff, instructor, learner/);
  }, 120_000);

  it('should seed the demo school only into an empty database', async () => {
    const seeded = await lectern('seed');
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toContain('the database already has users; nothing seeded');
  }, 60_000);

  it('should stop with the variable named when the configuration is bad', async () => {
    const { code, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/index.ts', 'db', 'status'],
      {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dataDir, DB_POOL_MAX: 'lots' },
      },
    ).then(
      (r) => ({ code: 0, stderr: r.stderr }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/DB_POOL_MAX: .*must be integer/);
  });
});
