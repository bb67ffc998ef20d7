import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bufferSource,
  FitsError,
  pixelToWorld,
  readCelestialWcs,
  readFitsStructure,
  readImagePlane,
} from '../fits/index.js';
import { imageHdu } from '../fits/testing/fits-writer.js';
import { cutoutFile, type FileCutoutRequest } from './cutout-file.js';
import { createFitsPool } from './fits-pool.js';

const dir = mkdtempSync(join(tmpdir(), 'lectern-fits-cutout-'));
const pool = createFitsPool(1);
afterAll(async () => {
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
});
const cutoutInWorker = (request: FileCutoutRequest) => pool.run({ kind: 'cutout', request });

const ARCSEC = 1 / 3600;

function field(): string {
  const path = join(dir, 'field.fits');
  const values: number[] = [];
  for (let y = 1; y <= 64; y++) for (let x = 1; x <= 80; x++) values.push(x + 1000 * y);
  values[(30 - 1) * 80 + (40 - 1)] = Number.NaN;
  const cards: [string, string | number][] = [
    ['OBJECT', 'worker field'],
    ['CTYPE1', 'RA---TAN'],
    ['CTYPE2', 'DEC--TAN'],
    ['CRVAL1', 150],
    ['CRVAL2', 2.2],
    ['CRPIX1', 40.5],
    ['CRPIX2', 32.5],
    ['CDELT1', -ARCSEC],
    ['CDELT2', ARCSEC],
  ];
  writeFileSync(path, imageHdu({ bitpix: -32, naxis: [80, 64], values, cards }));
  return path;
}

describe('cutouts in the FITS worker pool', () => {
  it('should cut a file in a worker thread and return the FITS bytes', async () => {
    const path = field();
    const request = {
      path,
      centre: { ra: 150, dec: 2.2 },
      width: 9,
      height: 7,
      unit: 'arcsec' as const,
    };
    const result = await cutoutInWorker(request);
    expect([result.width, result.height, result.hdu, result.clipped]).toEqual([9, 7, 0, false]);
    expect(result.fits).toBeInstanceOf(Uint8Array);
    expect(result.fits.length % 2880).toBe(0);
    const source = bufferSource(result.fits);
    const hdu = (await readFitsStructure(source)).hdus[0]!;
    expect(hdu.header.string('OBJECT')).toBe('worker field');
    const plane = await readImagePlane(source, hdu);
    const { x, y } = result.origin;
    expect(plane.data[0]).toBe(x + 1000 * y);
    expect(plane.data[(30 - y) * 9 + (40 - x)]).toBeNaN();
    const wcs = readCelestialWcs(hdu.header);
    if (!wcs.ok) throw new Error(wcs.reason);
    const c = pixelToWorld(wcs.wcs, 5, 4)!;
    expect(Math.abs(c.lon - 150) / ARCSEC).toBeLessThan(0.75);
    expect(Math.abs(c.lat - 2.2) / ARCSEC).toBeLessThan(0.75);
    // The worker gives the same bytes as a cutout in this thread.
    expect(Buffer.from(result.fits).equals(Buffer.from((await cutoutFile(request)).fits))).toBe(
      true,
    );
  });

  it('should carry FitsErrors back from the worker', async () => {
    const path = field();
    const err = await cutoutInWorker({
      path,
      centre: { x: 500, y: 10 },
      width: 5,
      height: 5,
      unit: 'pixel',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FitsError);
    expect((err as FitsError).code).toBe('FITS_CUTOUT_OUTSIDE');
    expect((err as FitsError).where).toEqual({ hdu: 0 });
    expect((err as FitsError).message).toMatch(/outside the 80 x 64 image \(HDU 0\)$/);
    await expect(
      cutoutInWorker({ path, hdu: 3, centre: { x: 1, y: 1 }, width: 1, height: 1, unit: 'pixel' }),
    ).rejects.toThrow(/HDU 3 does not exist/);
  });
});
