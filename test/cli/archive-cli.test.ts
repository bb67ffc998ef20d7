import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerArchiveCommands } from '../../src/cli/commands/archive.js';
import { skyImage } from '../archive/archive-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'lectern-archive-cli-'));
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
  const program = new Command('lectern').exitOverride().configureOutput({
    writeErr: (s) => void err.push(s),
  });
  registerArchiveCommands(program);
  let code: number;
  try {
    await program.parseAsync(['node', 'lectern', 'archive', ...args]);
    code = Number(process.exitCode ?? 0);
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    code = 2;
  }
  process.exitCode = undefined;
  return { stdout: out.join('\n'), stderr: err.join('\n'), code };
}

describe('lectern archive', () => {
  it('should ingest a directory, report the bad file and go on, then find the images', async () => {
    const night = join(dir, 'night');
    mkdirSync(night);
    writeFileSync(join(night, 'a.fits'), skyImage({ ra: 33, dec: -20 }));
    writeFileSync(join(night, 'b.fits'), skyImage({ ra: 33.1, dec: -20 }));
    writeFileSync(join(night, 'c.fits'), skyImage({ ra: 34, dec: -20 }).subarray(0, 3000));
    const ingest = await lectern('ingest', night);
    expect(ingest.code).toBe(1);
    const lines = ingest.stdout.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/a\.fits\tHDU 0\ta v1\tgood\t[0-9a-f-]{36}$/);
    expect(ingest.stderr).toMatch(/c\.fits: The file is not a readable FITS file/);
    expect(ingest.stderr).toMatch(/ingested 2 of 3 file\(s\); 1 failed/);

    const again = await lectern('ingest', join(night, 'a.fits'), '--product', 'a');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/\ta v2\t/);

    const search = await lectern(
      'search',
      '--ra',
      '33',
      '--dec',
      '-20',
      '--radius',
      '0.5',
      '--json',
    );
    expect(search.code).toBe(0);
    const found = JSON.parse(search.stdout) as Array<{ productName: string; distanceDeg: number }>;
    expect(found.map((i) => i.productName)).toEqual(['a', 'a', 'b']);
    expect(found[0]!.distanceDeg).toBeLessThan(1 / 3600);
  }, 120_000);

  it.each([
    ['--ra', '400', '--dec', '0', '--radius', '1'],
    ['--ra', '10', '--dec', '0', '--radius', '0'],
    ['--ra', '10', '--dec', '0'],
  ])('should refuse %s %s … with exit code 2', async (...args) => {
    const res = await lectern('search', ...args);
    expect(res.code).toBe(2);
  });
});
