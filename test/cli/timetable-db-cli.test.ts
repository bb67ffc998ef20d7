import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerTimetableCommands } from '../../src/cli/commands/timetable.js';
import { tinyProblem } from '../timetabling/tt-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'lectern-tt-db-cli-'));
const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
beforeAll(() => {
  process.env.DATA_DIR = join(dir, 'data');
  // The embedded database of DATA_DIR, whatever the suite runs against.
  delete process.env.DATABASE_URL;
});
afterAll(() => {
  for (const [k, v] of Object.entries(saved))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function lectern(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  const program = new Command('lectern').exitOverride().configureOutput({
    writeErr: (s) => void err.push(s),
    writeOut: (s) => void out.push(s),
  });
  registerTimetableCommands(program);
  let code: number;
  try {
    await program.parseAsync(['node', 'lectern', 'timetable', ...args]);
    code = Number(process.exitCode ?? 0);
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    code = 2;
  }
  process.exitCode = undefined;
  vi.restoreAllMocks();
  return { stdout: out.join('\n'), stderr: err.join('\n'), code };
}

const ID = /[0-9a-f-]{36}/;

describe('lectern timetable on the database', () => {
  let termId: string;
  let scheduleId: string;

  it('should import a term from a file under the name given', async () => {
    const file = join(dir, 'tiny.json');
    writeFileSync(file, JSON.stringify(tinyProblem()));
    const r = await lectern('import', file, '--term', 'Spring pilot');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\tSpring pilot\t3 courses, 2 rooms, 2 instructors, 1 curricula/);
    termId = ID.exec(r.stdout)![0];
    // The first command creates and migrates the embedded database.
  }, 120_000);

  it('should solve the stored term through the solve job and print the schedule', async () => {
    const r = await lectern('solve', '--term', termId, '--time', '2', '--no-progress');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^solve \S+ completed: schedule \S+, hard 0, soft \d+/);
    scheduleId = /schedule ([0-9a-f-]{36})/.exec(r.stdout)![1]!;
  }, 30_000);

  it('should show a progress bar on stderr while it solves', async () => {
    const r = await lectern('solve', '--term', termId, '--time', '1');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/best hard \d+ soft \d+/);
  }, 30_000);

  it('should export the schedule as ctt to stdout and as json to a file', async () => {
    const ctt = await lectern('export', scheduleId, '--format', 'ctt');
    expect(ctt.code).toBe(0);
    // One line per meeting: course, room, day, period (7 meetings in the tiny term).
    expect(ctt.stdout.trim().split('\n')).toHaveLength(7);
    expect(ctt.stdout).toMatch(/^MATH R\d \d \d$/m);
    const out = join(dir, 'schedule.json');
    const json = await lectern('export', scheduleId, '--format', 'json', '--out', out);
    expect(json.code).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc).toMatchObject({ id: scheduleId, hard: 0 });
    expect(doc.meetings).toHaveLength(7);
  });

  it('should end with exit 1 and a message for an unknown term or schedule', async () => {
    const solve = await lectern('solve', '--term', '01900000-0000-7000-8000-000000000000');
    expect(solve.code).toBe(1);
    expect(solve.stderr).toMatch(/Term .*not found.*TERM_NOT_FOUND/i);
    const nope = await lectern('export', 'nope', '--format', 'csv');
    expect(nope.code).toBe(1);
    expect(nope.stderr).toMatch(/SCHEDULE_NOT_FOUND/);
  });

  it('should refuse a bad format, a missing file and an invalid file', async () => {
    const format = await lectern('export', scheduleId, '--format', 'pdf');
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/Allowed choices are json, csv, xlsx, ics, ctt/);
    expect((await lectern('solve')).code).toBe(2);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'x', rooms: 'none' }));
    const invalid = await lectern('import', bad);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/nothing was imported \[IMPORT_INVALID\]/);
  });
});
