// Synthetic image centres written straight into the archive's tables, for the cone-search figures.
import { skyColumns } from '#modules/archive/sky-search.js';
import { archiveImages, archiveQa } from '#modules/archive/tables.js';
import type { Database } from '#platform/db/index.js';
import { newId } from '#platform/db/index.js';
import { storedFiles } from '#platform/storage/tables.js';

export interface SkyPoint {
  ra: number;
  dec: number;
}

/** The LCG of test/archive/sky-search.test.ts: the same points every run for a seed. */
export function seededRandom(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const uniform = (rand: () => number): SkyPoint => ({
  ra: rand() * 360,
  dec: (Math.asin(2 * rand() - 1) * 180) / Math.PI,
});
const nearRaZero = (rand: () => number): SkyPoint => ({
  ra: (360 + (rand() - 0.5) * 6) % 360,
  dec: (rand() - 0.5) * 6,
});
const nearNorthPole = (rand: () => number): SkyPoint => ({
  ra: rand() * 360,
  dec: 90 - rand() * 4,
});
const nearSouthPole = (rand: () => number): SkyPoint => ({
  ra: rand() * 360,
  dec: -90 + rand() * 4,
});
const CLUSTERS = [nearRaZero, nearNorthPole, nearSouthPole];

/**
 * `total` centres: 90 % uniform on the sphere, 10 % in three clusters (a 6° box across RA 0/360
 * and 4° caps at both poles), where the HEALPix cover and the wrap-around are hardest.
 */
export function syntheticSky(total: number, seed = 42): SkyPoint[] {
  const rand = seededRandom(seed);
  const clustered = Math.floor(total / 10);
  const points: SkyPoint[] = [];
  for (let i = 0; i < total - clustered; i++) points.push(uniform(rand));
  for (let i = 0; i < clustered; i++) points.push(CLUSTERS[i % 3]!(rand));
  return points;
}

/** Whether the `index`-th centre of `coneCentres` lies in a cluster (else uniform). */
export const inCluster = (index: number) => index % 10 >= 7;

/** Cone centres: 70 % uniform, 10 % in each cluster (another seed than the images). */
export function coneCentres(count: number, seed = 7): SkyPoint[] {
  const rand = seededRandom(seed);
  return Array.from({ length: count }, (_, i) =>
    i % 10 < 7 ? uniform(rand) : CLUSTERS[(i % 10) - 7]!(rand),
  );
}

const BATCH = 1000;

/**
 * Writes one shared stored file and, in transactions of BATCH, an image row (sky columns from
 * `skyColumns`) and a QA row per point, so the list query's joins meet real rows.
 */
export async function insertSyntheticImages(
  db: Database,
  points: readonly SkyPoint[],
  ownerId: string,
): Promise<void> {
  const fileId = newId();
  const sha = '0'.repeat(64);
  await db.insert(storedFiles).values({
    id: fileId,
    ownerId,
    filename: 'synthetic-sky.fits',
    contentType: 'application/fits',
    sizeBytes: 2880,
    sha256: sha,
    storageKey: `bench/${fileId}`,
  });
  const run = Date.now().toString(36);
  const grades = ['good', 'good', 'good', 'warn', 'fail'] as const;
  for (let start = 0; start < points.length; start += BATCH) {
    const images: (typeof archiveImages.$inferInsert)[] = [];
    const qa: (typeof archiveQa.$inferInsert)[] = [];
    for (let i = start; i < Math.min(points.length, start + BATCH); i++) {
      const p = points[i]!;
      const id = newId();
      images.push({
        id,
        productName: `synthetic-${run}-${i}`,
        fileId,
        fileSha256: sha,
        fileBytes: 2880,
        hduIndex: 0,
        shape: [10, 10],
        bitpix: -32,
        object: `FIELD ${i % 997}`,
        telescope: 'LECTERN-T1',
        observedAt: new Date(Date.UTC(2020, 0, 1) + i * 60_000),
        frequencyHz: 1.4e9,
        pixelScaleDeg: 1 / 60,
        checksumStatus: 'absent',
        uploadedBy: ownerId,
        ...skyColumns(p.ra, p.dec),
      });
      qa.push({ imageId: id, grade: grades[i % grades.length]!, rule: 'synthetic', reason: null });
    }
    await db.transaction(async (tx) => {
      await tx.insert(archiveImages).values(images);
      await tx.insert(archiveQa).values(qa);
    });
  }
}
