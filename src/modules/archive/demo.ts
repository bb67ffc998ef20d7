import { createReadStream, existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { count } from 'drizzle-orm';
import type { SeedOutcome } from '#platform/module-contract/index.js';
import type { SeedLogger } from '#platform/seed/index.js';
import type { ArchiveDeps } from './deps.js';
import { encodePhysical, writePrimaryImage } from './fits/index.js';
import { archiveImages } from './tables.js';

/** The shared sample files beside a checkout (`../shared/data/fits`), when they are there. */
const SHARED_FITS = fileURLToPath(new URL('../../../../shared/data/fits', import.meta.url));

export interface DemoField {
  name: string;
  ra: number;
  dec: number;
  telescope: string;
}

/** Fields of the generated demo sky: famous objects, so searches by name and position work. */
const DEMO_FIELDS: readonly DemoField[] = [
  { name: 'M31', ra: 10.6847, dec: 41.269, telescope: 'Demo 0.5m' },
  { name: 'M42', ra: 83.8221, dec: -5.3911, telescope: 'Demo 0.5m' },
  { name: 'M13', ra: 250.4235, dec: 36.4613, telescope: 'Demo 0.5m' },
  { name: 'M51', ra: 202.4696, dec: 47.1952, telescope: 'Demo radio array' },
  { name: 'Crab Nebula', ra: 83.6331, dec: 22.0145, telescope: 'Demo radio array' },
  { name: 'Polaris', ra: 37.9546, dec: 89.2641, telescope: 'Demo 0.5m' },
];

/** A 128 × 128 float32 image on a TAN grid: a few Gaussian sources over seeded noise. */
export function demoImage(field: DemoField, seed: number): Uint8Array {
  const size = 128;
  let s = seed;
  const rand = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const sources = Array.from({ length: 6 }, (_, i) => ({
    x: i === 0 ? size / 2 : rand() * size,
    y: i === 0 ? size / 2 : rand() * size,
    peak: i === 0 ? 500 : 50 + rand() * 200,
    width: 1.5 + rand() * 3,
  }));
  const values = new Float64Array(size * size);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      let v = 10 + (rand() + rand() + rand() - 1.5) * 2;
      for (const src of sources)
        v += src.peak * Math.exp(-((x - src.x) ** 2 + (y - src.y) ** 2) / (2 * src.width ** 2));
      values[y * size + x] = v;
    }
  const scale = 1 / 1800; // 2″ pixels
  return writePrimaryImage({
    bitpix: -32,
    naxis: [size, size],
    data: encodePhysical(-32, values),
    cards: [
      { keyword: 'OBJECT', value: field.name },
      { keyword: 'TELESCOP', value: field.telescope },
      { keyword: 'INSTRUME', value: 'Lectern demo generator' },
      { keyword: 'DATE-OBS', value: '2026-01-15T21:00:00' },
      { keyword: 'BUNIT', value: 'adu' },
      { keyword: 'CTYPE1', value: 'RA---TAN' },
      { keyword: 'CTYPE2', value: 'DEC--TAN' },
      { keyword: 'CRVAL1', value: field.ra },
      { keyword: 'CRVAL2', value: field.dec },
      { keyword: 'CRPIX1', value: (size + 1) / 2 },
      { keyword: 'CRPIX2', value: (size + 1) / 2 },
      { keyword: 'CDELT1', value: -scale },
      { keyword: 'CDELT2', value: scale },
      { keyword: 'CUNIT1', value: 'deg' },
      { keyword: 'CUNIT2', value: 'deg' },
      { keyword: 'RADESYS', value: 'ICRS' },
      { keyword: 'EQUINOX', value: 2000 },
    ],
  });
}

/**
 * The demo school's archive: the shared sample FITS files when the checkout has them, generated
 * fields around famous objects otherwise, so a newcomer finds images to search and preview.
 */
export async function seedArchiveDemo(deps: ArchiveDeps, log: SeedLogger): Promise<SeedOutcome> {
  const [row] = await deps.db.select({ n: count() }).from(archiveImages);
  if ((row?.n ?? 0) > 0) return { seeded: false, message: 'archive: already has images' };
  const sources: Array<{ filename: string; open: () => Readable }> = [];
  if (existsSync(SHARED_FITS)) {
    for (const name of (await readdir(SHARED_FITS)).filter((f) => f.endsWith('.fits')).sort())
      sources.push({ filename: name, open: () => createReadStream(join(SHARED_FITS, name)) });
  } else {
    for (const [i, field] of DEMO_FIELDS.entries()) {
      const bytes = demoImage(field, 1000 + i);
      const filename = `${field.name.toLowerCase().replaceAll(' ', '-')}.fits`;
      sources.push({ filename, open: () => Readable.from([Buffer.from(bytes)]) });
    }
  }
  let images = 0;
  for (const source of sources) {
    const put = await deps.storage.store.put(source.open(), {
      filename: source.filename,
      contentType: 'application/fits',
      maxBytes: deps.config.UPLOAD_MAX_BYTES,
    });
    try {
      images += (await deps.images.ingestStored(null, { ...put, filename: source.filename }, {}))
        .length;
    } catch (err) {
      // Sample files without an image HDU (tables only) have nothing for the archive.
      await deps.storage.discard(put.storageKey);
      log.info(
        { file: source.filename, err: (err as Error).message },
        'demo archive: file skipped',
      );
    }
  }
  return {
    seeded: images > 0,
    message: `archive: ${images} demo image(s) from ${sources.length} file(s)`,
  };
}
