import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { FitsError } from '../fits/index.js';
import { concatBytes, imageHdu } from '../fits/testing/fits-writer.js';
import { previewInWorker } from './preview-in-worker.js';

const decode = (png: Uint8Array) => PNG.sync.read(Buffer.from(png));
const dir = mkdtempSync(join(tmpdir(), 'lectern-fits-preview-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('previewInWorker', () => {
  it('should render a file in a worker thread and return a PNG', async () => {
    const path = join(dir, 'ramp.fits');
    const values = Array.from({ length: 64 * 32 }, (_, i) => (i % 64) * 10);
    values[0] = Number.NaN;
    writeFileSync(path, concatBytes(imageHdu({ bitpix: -32, naxis: [64, 32], values })));
    const result = await previewInWorker({ path, size: 32, stretch: 'linear' });
    expect([result.width, result.height, result.hdu]).toEqual([32, 16, 0]);
    const png = decode(result.png);
    expect(png.width).toBe(32);
    // Block (0,0) averages 3 finite values of the ramp's left edge: opaque, dark.
    const bottomLeft = ((16 - 1) * 32 + 0) * 4;
    expect(png.data[bottomLeft + 3]).toBe(255);
    expect(png.data[bottomLeft]).toBeLessThan(10);
  });

  it('should carry FitsErrors back from the worker', async () => {
    const path = join(dir, 'empty-primary.fits');
    writeFileSync(path, imageHdu({ bitpix: 8, naxis: [] }));
    const err = await previewInWorker({ path }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FitsError);
    expect((err as FitsError).code).toBe('FITS_NOT_IMAGE');
    await expect(previewInWorker({ path, hdu: 3 })).rejects.toThrow(/HDU 3 does not exist/);
  });
});
