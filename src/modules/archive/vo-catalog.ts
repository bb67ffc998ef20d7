import type { Database } from '#platform/db/index.js';
import type { Storage } from '#platform/storage/index.js';
import * as repo from './images/repository.js';
import type { StoredVoFile, VoCatalog, VoImage } from './vo/catalog.js';

const toVoImage = (row: repo.ImageDetailRow): VoImage => ({
  id: row.id,
  productName: row.productName,
  productVersion: row.productVersion,
  hduIndex: row.hduIndex,
  extName: row.extName,
  object: row.object,
  telescope: row.telescope,
  instrument: row.instrument,
  bunit: row.bunit,
  observedAt: row.observedAt,
  frequencyHz: row.frequencyHz,
  bandwidthHz: row.bandwidthHz,
  centreRa: row.centreRa ?? 0,
  centreDec: row.centreDec ?? 0,
  pixelScaleDeg: row.pixelScaleDeg,
  shape: row.shape,
  footprint: row.footprint ?? null,
  fileBytes: row.fileBytes,
  bitpix: row.bitpix,
});

/**
 * The archive as the VO endpoints see it: cone searches on the sky index (nearest first) and
 * the FITS file of a live image. Dates narrow in SQL; the band test, which needs each image's
 * bandwidth, is left to the VO layer, which re-checks every filter and asks again for more
 * rows when its exact tests leave too few.
 */
export function createVoCatalog(db: Database, storage: Storage): VoCatalog {
  return {
    async cone(cone, limit, filters = {}) {
      const rows = await repo.listImages(
        db,
        {
          cone,
          ...(filters.fromDate ? { observedFrom: filters.fromDate } : {}),
          ...(filters.toDate ? { observedTo: filters.toDate } : {}),
        },
        'distance',
        limit,
        null,
      );
      return rows.slice(0, limit).map(toVoImage);
    },

    async file(id): Promise<StoredVoFile | null> {
      const image = await repo.findImage(db, id);
      const file = image ? await storage.find(db, image.fileId) : undefined;
      if (!file) return null;
      return {
        storageKey: file.storageKey,
        filename: file.filename,
        contentType: 'application/fits',
        sha256: file.sha256,
        sizeBytes: file.sizeBytes,
        createdAt: file.createdAt,
      };
    },
  };
}
