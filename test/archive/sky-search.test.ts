import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { separation } from '#modules/archive/fits/index.js';
import { imagesInCone, skyColumns } from '#modules/archive/sky-search.js';
import { archiveImages } from '#modules/archive/tables.js';
import type { DatabaseHandle } from '#platform/db/index.js';
import { newId } from '#platform/db/index.js';
import { storedFiles } from '#platform/storage/tables.js';
import { openScratchPostgres, openTestDatabase } from '../helpers/template-database.js';

/** Deterministic points: uniform on the sphere plus clusters at RA 0/360 and both poles. */
function syntheticSky(n: number): { ra: number; dec: number }[] {
  let s = 42;
  const rand = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const points: { ra: number; dec: number }[] = [];
  for (let i = 0; i < n; i++) {
    points.push({ ra: rand() * 360, dec: (Math.asin(2 * rand() - 1) * 180) / Math.PI });
  }
  for (let i = 0; i < 300; i++) {
    points.push({ ra: (360 + (rand() - 0.5) * 6) % 360, dec: (rand() - 0.5) * 6 });
    points.push({ ra: rand() * 360, dec: 90 - rand() * 4 });
    points.push({ ra: rand() * 360, dec: -90 + rand() * 4 });
  }
  return points;
}

describe('cone search over the sky index', () => {
  let handle: DatabaseHandle;
  const sky = syntheticSky(3000);
  const ids: string[] = [];

  beforeAll(async () => {
    handle = process.env.DATABASE_URL
      ? await openScratchPostgres(process.env.DATABASE_URL)
      : await openTestDatabase(inject('pgliteTemplateDir'));
    const fileId = newId();
    await handle.db.insert(storedFiles).values({
      id: fileId,
      filename: 'sky.fits',
      contentType: 'application/fits',
      sizeBytes: 2880,
      sha256: '0'.repeat(64),
      storageKey: `test/${fileId}`,
    });
    const rows = sky.map((p, i) => {
      const id = newId();
      ids.push(id);
      return {
        id,
        productName: `synthetic-${i}`,
        fileId,
        fileSha256: '0'.repeat(64),
        fileBytes: 2880,
        hduIndex: 0,
        shape: [10, 10],
        bitpix: -32,
        checksumStatus: 'absent',
        ...skyColumns(p.ra, p.dec),
      };
    });
    for (let i = 0; i < rows.length; i += 500) {
      await handle.db.insert(archiveImages).values(rows.slice(i, i + 500));
    }
  }, 60_000);

  afterAll(async () => {
    await handle?.close();
  });

  const bruteForce = (ra: number, dec: number, radius: number) =>
    sky
      .map((p, i) => ({ id: ids[i] as string, d: separation(ra, dec, p.ra, p.dec) }))
      .filter((p) => p.d <= radius)
      .map((p) => p.id)
      .sort();

  it('agrees with brute force at random cones, at RA 0/360 and at the poles', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({
            ra: fc.double({ min: 0, max: 360, maxExcluded: true, noNaN: true }),
            dec: fc.double({ min: -90, max: 90, noNaN: true }),
          }),
          fc.record({
            ra: fc.constantFrom(0, 359.99, 0.01, 180),
            dec: fc.constantFrom(0, 90, -90, 88.5, -88.5, 1),
          }),
        ),
        fc.double({ min: 0.05, max: 8, noNaN: true }),
        async ({ ra, dec }, radius) => {
          const found = (await imagesInCone(handle.db, { ra, dec, radius }))
            .map((r) => r.id)
            .sort();
          expect(found).toEqual(bruteForce(ra, dec, radius));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('finds images on both sides of RA 0 and all around a pole', async () => {
    const across = await imagesInCone(handle.db, { ra: 0, dec: 0, radius: 2 });
    expect(across.some((r) => r.ra > 358)).toBe(true);
    expect(across.some((r) => r.ra < 2)).toBe(true);
    const pole = await imagesInCone(handle.db, { ra: 0, dec: 90, radius: 3 });
    expect(pole.length).toBe(bruteForce(0, 90, 3).length);
    expect(new Set(pole.map((r) => Math.floor(r.ra / 90))).size).toBe(4);
  });
});
