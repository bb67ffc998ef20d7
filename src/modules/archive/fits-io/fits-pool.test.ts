import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FitsError } from '../fits/index.js';
import { concatBytes, imageHdu } from '../fits/testing/fits-writer.js';
import { createFitsPool } from './fits-pool.js';

const dir = mkdtempSync(join(tmpdir(), 'lectern-fits-pool-'));
const pool = createFitsPool(1);
afterAll(async () => {
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
});

const path = join(dir, 'ramp.fits');
writeFileSync(
  path,
  concatBytes(
    imageHdu({
      bitpix: -32,
      naxis: [40, 30],
      values: Array.from({ length: 1200 }, (_, i) => i % 40),
    }),
  ),
);

describe('createFitsPool', () => {
  it('should run every kind of task in long-lived workers, one at a time each', async () => {
    const [plan, preview, stats, cutout] = await Promise.all([
      pool.run({ kind: 'plan', path }),
      pool.run({ kind: 'preview', request: { path, size: 20 } }),
      pool.run({ kind: 'stats', request: { path, hdu: 0 } }),
      pool.run({
        kind: 'cutout',
        request: { path, centre: { x: 20, y: 15 }, width: 10, height: 8, unit: 'pixel' },
      }),
    ]);
    expect(plan.map((p) => p.shape)).toEqual([[40, 30]]);
    expect([preview.width, preview.height]).toEqual([20, 15]);
    expect(stats.stats?.max).toBe(39);
    expect([cutout.width, cutout.height]).toEqual([10, 8]);
    expect(pool.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('should answer a FitsError with its code, and keep working', async () => {
    writeFileSync(join(dir, 'text.fits'), 'not a FITS file'.repeat(300));
    const err = await pool.run({ kind: 'plan', path: join(dir, 'text.fits') }).catch((e) => e);
    expect(err).toBeInstanceOf(FitsError);
    expect((err as FitsError).code).toBe('FITS_NOT_FITS');
    expect(await pool.run({ kind: 'plan', path })).toHaveLength(1);
  });

  it('should start a task in a warm worker far faster than a cold one', async () => {
    const started = performance.now();
    for (let i = 0; i < 5; i++) await pool.run({ kind: 'plan', path });
    // Five warm tasks on a 4.8 KB file: well under one worker start each.
    expect((performance.now() - started) / 5).toBeLessThan(150);
  });
});
