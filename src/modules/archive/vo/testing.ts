import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { createLocalFileStore } from '#platform/storage/index.js';
import { separation } from '../fits/sky-geometry.js';
import { imageHdu } from '../fits/testing/fits-writer.js';
import type { ConeFilters, StoredVoFile, VoCatalog, VoImage, VoOptions } from './catalog.js';
import { voRoutes } from './routes.js';

/** An in-memory VoCatalog over fixed images: the VO tests' stand-in for the archive. */
export function memoryCatalog(images: VoImage[], files: Map<string, StoredVoFile>): VoCatalog {
  const passes = (image: VoImage, filters: ConeFilters) => {
    const { fromDate, toDate, minHz, maxHz } = filters;
    if ((fromDate || toDate) && !image.observedAt) return false;
    if (fromDate && image.observedAt && image.observedAt < fromDate) return false;
    if (toDate && image.observedAt && image.observedAt > toDate) return false;
    if (minHz === undefined && maxHz === undefined) return true;
    if (image.frequencyHz === null) return false;
    const half = (image.bandwidthHz ?? 0) / 2;
    return (
      image.frequencyHz + half >= (minHz ?? 0) &&
      image.frequencyHz - half <= (maxHz ?? Number.POSITIVE_INFINITY)
    );
  };
  return {
    async cone({ ra, dec, radius }, limit, filters = {}) {
      return images
        .map((image) => ({ image, d: separation(ra, dec, image.centreRa, image.centreDec) }))
        .filter(({ image, d }) => d <= radius && passes(image, filters))
        .sort((a, b) => a.d - b.d)
        .slice(0, limit)
        .map(({ image }) => image);
    },
    async file(id) {
      return files.get(id) ?? null;
    },
  };
}

/** A VoImage with plausible defaults. */
export function voImage(overrides: Partial<VoImage> & Pick<VoImage, 'id'>): VoImage {
  return {
    productName: 'm31-survey',
    productVersion: 1,
    hduIndex: 0,
    extName: null,
    object: 'M31',
    telescope: 'LOFAR',
    instrument: 'HBA',
    bunit: 'Jy/beam',
    observedAt: new Date('2024-03-01T12:00:00Z'),
    frequencyHz: 1.4e9,
    bandwidthHz: 1e8,
    centreRa: 10.6847,
    centreDec: 41.2689,
    pixelScaleDeg: 0.001,
    shape: [8, 6],
    footprint: null,
    fileBytes: 5760,
    bitpix: 16,
    ...overrides,
  };
}

/** A small real FITS file (8×6 16-bit image with a TAN WCS) for downloads. */
export function smallFits(): Uint8Array {
  const values = Array.from({ length: 48 }, (_, i) => i * 10);
  return imageHdu({
    bitpix: 16,
    naxis: [8, 6],
    values,
    cards: [
      ['OBJECT', 'M31'],
      ['TELESCOP', 'LOFAR'],
      ['CTYPE1', 'RA---TAN'],
      ['CTYPE2', 'DEC--TAN'],
      ['CRVAL1', 10.6847],
      ['CRVAL2', 41.2689],
      ['CRPIX1', 4.5],
      ['CRPIX2', 3.5],
      ['CDELT1', -0.001],
      ['CDELT2', 0.001],
    ],
  });
}

export interface VoTestServer {
  app: FastifyInstance;
  baseUrl: string;
  images: VoImage[];
  close(): Promise<void>;
}

/**
 * `voRoutes` on a bare Fastify at 127.0.0.1:0, over an in-memory catalog of a few images
 * around M31 and one far away, the first of them backed by a real FITS file in a temporary
 * local file store.
 */
export async function startVoTestServer(
  options: Partial<Pick<VoOptions, 'publicAccess' | 'authorize' | 'maxRecords'>> = {},
): Promise<VoTestServer> {
  const directory = await mkdtemp(join(tmpdir(), 'lectern-vo-'));
  const store = createLocalFileStore(directory);
  const bytes = smallFits();
  const put = await store.put(Readable.from([bytes]), {
    filename: 'm31 <&> survey.fits',
    contentType: 'application/fits',
    maxBytes: 1 << 20,
  });
  const images = [
    voImage({
      id: 'img-m31',
      fileBytes: put.sizeBytes,
      footprint: [
        [10.69, 41.266],
        [10.6794, 41.266],
        [10.6794, 41.272],
        [10.69, 41.272],
      ],
    }),
    voImage({
      id: 'img-m31-b',
      productName: 'm31 <deep> & "wide"',
      hduIndex: 1,
      extName: 'SCI',
      centreRa: 10.9,
      centreDec: 41.4,
      observedAt: null,
      frequencyHz: null,
      bandwidthHz: null,
      pixelScaleDeg: null,
      object: null,
      telescope: null,
      instrument: null,
    }),
    voImage({
      id: 'img-m33',
      object: 'M33',
      centreRa: 23.4621,
      centreDec: 30.6599,
      frequencyHz: 150e6,
      bandwidthHz: 50e6,
      observedAt: new Date('2020-06-01T00:00:00Z'),
    }),
  ];
  const files = new Map<string, StoredVoFile>([
    [
      'img-m31',
      {
        storageKey: put.storageKey,
        filename: 'm31.fits',
        contentType: 'application/fits',
        sha256: put.sha256,
        sizeBytes: put.sizeBytes,
        createdAt: new Date('2024-03-02T00:00:00Z'),
      },
    ],
  ]);
  const app = Fastify();
  await app.register(voRoutes, {
    catalog: memoryCatalog(images, files),
    store,
    publicAccess: options.publicAccess ?? true,
    authorize: options.authorize ?? (async () => false),
    maxRecords: options.maxRecords,
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    baseUrl: address,
    images,
    async close() {
      await app.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
