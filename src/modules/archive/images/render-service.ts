import { Readable } from 'node:stream';
import type { Cache } from '#platform/cache/index.js';
import { type Database, inTransaction } from '#platform/db/index.js';
import { notFound, unprocessable, validationError } from '#platform/errors/index.js';
import type { Storage, StoredFileRow } from '#platform/storage/index.js';
import { FitsError, type StretchName } from '../fits/index.js';
import type { FitsPool } from '../fits-io/index.js';
import { withLocalFile } from './local-file.js';
import { findPreview, insertPreview } from './preview-repository.js';
import type { ImageDetailRow } from './repository.js';
import { fitsProblem } from './service.js';

export const DEFAULT_PREVIEW_SIZE = 512;
export const THUMBNAIL_SIZE = 128;
const PREVIEW_MAX_BYTES = 64 * 1024 * 1024;

export interface PreviewParams {
  stretch: StretchName;
  size: number;
  plane: number;
}

export interface CutoutParams {
  centre: { ra: number; dec: number } | { x: number; y: number };
  width: number;
  height: number;
  unit: 'arcsec' | 'arcmin' | 'pixel';
  plane: number;
  format: 'fits' | 'png';
  stretch: StretchName;
}

/** A cutout the engine refuses: where the box or position is wrong, said about the query. */
function cutoutProblem(error: FitsError, params: CutoutParams) {
  const at = 'ra' in params.centre ? ['ra', 'dec'] : ['x', 'y'];
  switch (error.code) {
    case 'FITS_CUTOUT_OUTSIDE':
    case 'FITS_CUTOUT_NO_PROJECTION':
      return validationError(
        error.message,
        at.map((f) => ({ path: `/querystring/${f}`, message: 'is outside the image' })),
        'CUTOUT_OUTSIDE',
      );
    case 'FITS_CUTOUT_TOO_LARGE':
    case 'FITS_BAD_ARGUMENT':
      return validationError(
        error.message,
        ['width', 'height'].map((f) => ({ path: `/querystring/${f}`, message: error.message })),
        'CUTOUT_INVALID',
      );
    case 'FITS_NO_WCS':
      return unprocessable(
        `The image has no celestial WCS: cut it by pixel (unit=pixel with x, y). ${error.message}`,
        [{ path: '/querystring/ra', message: 'the image has no sky coordinates' }],
        'IMAGE_NOT_ON_SKY',
      );
    default:
      return fitsProblem(error);
  }
}

export interface RenderServiceDeps {
  db: Database;
  cache: Cache;
  storage: Storage;
  fitsPool: FitsPool;
}

/** Planes of an image: the product of its axes beyond the second (1 for a 2-D image). */
const planesOf = (shape: readonly number[]) => shape.slice(2).reduce((n, len) => n * len, 1);

function requirePlane(image: ImageDetailRow, plane: number) {
  const planes = planesOf(image.shape);
  if (plane >= planes)
    throw validationError(`The image has ${planes} plane(s), 0..${planes - 1}`, [
      { path: '/querystring/plane', message: `must be below ${planes}` },
    ]);
}

/**
 * What is computed from an image's pixels: previews (rendered in a worker once per set of
 * parameters and kept in storage, so later requests are file reads) and per-plane statistics.
 */
export function createRenderService({ db, cache, storage, fitsPool }: RenderServiceDeps) {
  const inFlight = new Map<string, Promise<StoredFileRow>>();

  async function sourceFile(image: ImageDetailRow): Promise<StoredFileRow> {
    const file = await storage.find(db, image.fileId);
    if (!file) throw notFound('Image file', 'FILE_NOT_FOUND');
    return file;
  }

  /** Runs FITS work on the image's file in a worker; engine errors are 422s. */
  async function onFile<T>(image: ImageDetailRow, work: (path: string) => Promise<T>) {
    const file = await sourceFile(image);
    try {
      return await withLocalFile(storage.store, file.storageKey, work);
    } catch (error) {
      if (error instanceof FitsError) throw fitsProblem(error);
      throw error;
    }
  }

  async function render(image: ImageDetailRow, params: PreviewParams, key: string) {
    const result = await onFile(image, (path) =>
      fitsPool.run({ kind: 'preview', request: { path, hdu: image.hduIndex, ...params } }),
    );
    const filename = `${image.productName}-v${image.productVersion}-hdu${image.hduIndex}-${key}.png`;
    const put = await storage.store.put(Readable.from([Buffer.from(result.png)]), {
      filename,
      contentType: 'image/png',
      maxBytes: PREVIEW_MAX_BYTES,
    });
    try {
      const kept = await inTransaction(db, async ({ tx }) => {
        const file = await storage.record(tx, {
          ownerId: null,
          filename,
          contentType: 'image/png',
          ...put,
        });
        const first = await insertPreview(tx, {
          imageId: image.id,
          paramsKey: key,
          fileId: file.id,
          etag: put.sha256,
        });
        if (!first) throw new PreviewRace();
        return file;
      });
      return kept;
    } catch (error) {
      await storage.discard(put.storageKey);
      if (!(error instanceof PreviewRace)) throw error;
      const other = await findPreview(db, image.id, key);
      if (!other) throw error;
      return other;
    }
  }

  return {
    /** The stored file of the image's original FITS bytes. */
    sourceFile,

    /** The PNG preview with these parameters: kept from an earlier request, or rendered now. */
    async preview(image: ImageDetailRow, params: PreviewParams): Promise<StoredFileRow> {
      requirePlane(image, params.plane);
      const key = `${params.stretch}-${params.size}-p${params.plane}`;
      const kept = await findPreview(db, image.id, key);
      if (kept) return kept;
      const flightKey = `${image.id}:${key}`;
      let flight = inFlight.get(flightKey);
      if (!flight) {
        flight = render(image, params, key).finally(() => inFlight.delete(flightKey));
        inFlight.set(flightKey, flight);
      }
      return flight;
    },

    /** A box cut out of one plane, as FITS with its WCS moved to the new origin, or as a PNG. */
    async cutout(image: ImageDetailRow, params: CutoutParams) {
      requirePlane(image, params.plane);
      const file = await sourceFile(image);
      try {
        return await withLocalFile(storage.store, file.storageKey, (path) =>
          fitsPool.run({
            kind: 'cutout',
            request: {
              path,
              hdu: image.hduIndex,
              plane: params.plane,
              centre: params.centre,
              width: params.width,
              height: params.height,
              unit: params.unit,
              ...(params.format === 'png' ? { png: { stretch: params.stretch, size: 2048 } } : {}),
            },
          }),
        );
      } catch (error) {
        if (error instanceof FitsError) throw cutoutProblem(error, params);
        throw error;
      }
    },

    /** Statistics of one plane (computed in a worker and cached), or the stored ones. */
    async stats(image: ImageDetailRow, plane: number | undefined) {
      if (plane === undefined) return { imageId: image.id, plane: null, stats: image.stats ?? {} };
      requirePlane(image, plane);
      return cache.getOrLoad(
        `archive:stats:${image.id}:${plane}`,
        async () => {
          const report = await onFile(image, (path) =>
            fitsPool.run({ kind: 'stats', request: { path, hdu: image.hduIndex, plane } }),
          );
          const stats = Object.fromEntries(
            Object.entries(report.stats ?? {}).filter(
              (e): e is [string, number | null] =>
                (typeof e[1] === 'number' && Number.isFinite(e[1])) || e[1] === null,
            ),
          );
          return { imageId: image.id, plane, stats };
        },
        { tags: [`archive:image:${image.id}`] },
      );
    },
  };
}

export type RenderService = ReturnType<typeof createRenderService>;

/** Another request kept the same preview first: use its file. */
class PreviewRace extends Error {}
