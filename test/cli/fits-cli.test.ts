import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { concatBytes, imageHdu } from '#modules/archive/fits/testing/fits-writer.js';
import { registerFitsCommands } from '../../src/cli/commands/fits.js';

const dir = mkdtempSync(join(tmpdir(), 'lectern-fits-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Runs `lectern fits …` in-process; returns stdout lines, stderr lines and the exit code set. */
async function lectern(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const program = new Command('lectern').exitOverride();
  registerFitsCommands(program);
  await program.parseAsync(['node', 'lectern', 'fits', ...args]);
  const code = process.exitCode ?? 0;
  process.exitCode = undefined;
  return { stdout: out.join('\n'), stderr: err.join('\n'), code };
}

function writeSample(name: string, checksum = true): string {
  const path = join(dir, name);
  const values = Array.from({ length: 40 * 30 }, (_, i) => (i % 40) + Math.floor(i / 40));
  values[5] = -32768;
  writeFileSync(
    path,
    concatBytes(
      imageHdu({
        bitpix: 16,
        naxis: [40, 30],
        values,
        checksum,
        cards: [
          ['BLANK', -32768],
          ['BSCALE', 0.5],
          ['BZERO', 10],
          ['CTYPE1', 'RA---TAN'],
          ['CTYPE2', 'DEC--TAN'],
          ['CRVAL1', 150],
          ['CRVAL2', 2],
          ['CRPIX1', 20.5],
          ['CRPIX2', 15.5],
          ['CDELT1', -0.001],
          ['CDELT2', 0.001],
          ['OBJECT', 'test field'],
        ],
      }),
    ),
  );
  return path;
}

describe('lectern fits inspect', () => {
  it('should print the documented JSON shape with physical statistics and the WCS centre', async () => {
    const { stdout, code } = await lectern('inspect', writeSample('a.fits'), '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    const h = report.hdus[0];
    expect(h).toMatchObject({ index: 0, type: 'primary', bitpix: 16, shape: [40, 30] });
    expect(h.stats).toMatchObject({ nanCount: 1, count: 1199, min: 10, max: (39 + 29) * 0.5 + 10 });
    for (const k of ['min', 'max', 'mean', 'median', 'std', 'nanCount'])
      expect(h.stats).toHaveProperty(k);
    expect(h.wcs.centre.ra).toBeCloseTo(150, 9);
    expect(h.wcs.centre.dec).toBeCloseTo(2, 9);
    expect(h.summary.object).toBe('test field');
  });

  it('should read headers only with --no-stats', async () => {
    const { stdout, code } = await lectern(
      'inspect',
      writeSample('h.fits'),
      '--json',
      '--no-stats',
    );
    expect(code).toBe(0);
    const h = JSON.parse(stdout).hdus[0];
    expect(h).toMatchObject({ stats: null, checksum: null, shape: [40, 30] });
    expect(h.wcs.projection).toBe('TAN');
  });

  it('should print a readable summary and honour --hdu', async () => {
    const path = writeSample('b.fits');
    const { stdout } = await lectern('inspect', path);
    expect(stdout).toMatch(/HDU 0: primary, BITPIX 16, shape 40x30/);
    expect(stdout).toMatch(/WCS TAN .*centre RA 150\.000000 Dec 2\.000000/);
    const missing = await lectern('inspect', path, '--hdu', '4');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/HDU 4 does not exist: the file has 1 HDU/);
  });

  it('should fail with exit code 1 and a located message on a broken file', async () => {
    const path = join(dir, 'broken.fits');
    writeFileSync(path, readFileSync(writeSample('c.fits')).subarray(0, 4000));
    const { code, stderr } = await lectern('inspect', path);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^lectern fits: data needs 2400 bytes from offset 2880 .*\(HDU 0, byte offset 0\)/,
    );
  });
});

describe('lectern fits verify', () => {
  it('should exit 0 when checksums match and 1 when a byte changed', async () => {
    const path = writeSample('d.fits');
    const ok = await lectern('verify', path);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/HDU 0: CHECKSUM ok, DATASUM ok\nOK/);
    const bytes = readFileSync(path);
    bytes[2880 + 10] ^= 1;
    writeFileSync(path, bytes);
    const bad = await lectern('verify', path, '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({
      ok: false,
      hdus: [{ checksumOk: false, datasumOk: false }],
    });
  });
});

describe('lectern fits --help', () => {
  it('should list the three commands', async () => {
    const program = new Command('lectern')
      .exitOverride()
      .configureOutput({ writeOut: (s) => void help.push(s) });
    const help: string[] = [];
    registerFitsCommands(program);
    await expect(program.parseAsync(['node', 'lectern', 'fits', '--help'])).rejects.toMatchObject({
      exitCode: 0,
    });
    expect(help.join('')).toMatch(
      /inspect \[options\] <file>[\s\S]*preview \[options\] <file>[\s\S]*verify \[options\] <file>/,
    );
  });
});

describe('lectern fits preview', () => {
  it('should write a PNG no larger than --size', async () => {
    const out = join(dir, 'p.png');
    const { code, stdout } = await lectern(
      'preview',
      writeSample('e.fits'),
      '--out',
      out,
      '--size',
      '20',
      '--stretch',
      'asinh',
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/20x15 PNG from HDU 0, asinh/);
    expect(readFileSync(out).subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('lectern fits (process)', () => {
  it('should exit 2 on a usage error', () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'fits', ...args], {
        cwd: root,
        encoding: 'utf8',
      });
    const usage = run('preview', 'x.fits', '--out', 'x.png', '--stretch', 'sqrt');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/Allowed choices are zscale, asinh, linear, log/);
  }, 60_000);
});
