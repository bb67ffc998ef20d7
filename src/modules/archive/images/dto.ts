import type { ImageDetailRow, ProvenanceEdge, QaRow } from './repository.js';

export const imageUrl = (id: string) => `/api/v1/archive/images/${id}`;

export const qaDto = (qa: QaRow) => ({
  grade: qa.grade as 'good' | 'warn' | 'fail',
  rule: qa.rule,
  reason: qa.reason,
  rating: qa.rating,
  comment: qa.comment,
  ratedBy: qa.ratedBy,
  ratedAt: qa.ratedAt?.toISOString() ?? null,
});

/** An image as the API shows it; `distanceDeg` only in cone searches. */
export function toImageDto(row: ImageDetailRow, distanceDeg?: number) {
  const url = imageUrl(row.id);
  return {
    id: row.id,
    productName: row.productName,
    productVersion: row.productVersion,
    latest: row.productVersion === row.latestVersion,
    hduIndex: row.hduIndex,
    extName: row.extName,
    shape: row.shape,
    bitpix: row.bitpix,
    bunit: row.bunit,
    object: row.object,
    telescope: row.telescope,
    instrument: row.instrument,
    observedAt: row.observedAt?.toISOString() ?? null,
    frequencyHz: row.frequencyHz,
    bandwidthHz: row.bandwidthHz,
    beam: row.beam ?? null,
    noise: row.noise,
    dynamicRange: row.dynamicRange,
    stats: row.stats ?? null,
    centre:
      row.centreRa === null || row.centreDec === null
        ? null
        : { ra: row.centreRa, dec: row.centreDec },
    pixelScaleArcsec: row.pixelScaleDeg === null ? null : row.pixelScaleDeg * 3600,
    footprint: row.footprint ?? null,
    checksumStatus: row.checksumStatus as 'ok' | 'absent' | 'failed',
    warnings: row.warnings,
    qa: row.qa ? qaDto(row.qa) : null,
    file: {
      id: row.fileId,
      filename: row.filename,
      sizeBytes: row.fileBytes,
      sha256: row.fileSha256,
    },
    links: {
      self: url,
      fits: `${url}/fits`,
      preview: `${url}/preview.png`,
      thumbnail: `${url}/thumbnail.png`,
      header: `${url}/header`,
    },
    uploadedBy: row.uploadedBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...(distanceDeg === undefined ? {} : { distanceDeg }),
  };
}

export type ImageDto = ReturnType<typeof toImageDto>;

export const toEdgeDto = (edge: ProvenanceEdge) => ({
  parentId: edge.parentId,
  childId: edge.childId,
  relation: edge.relation as 'derived_from' | 'mosaic_of' | 'reprocessed_as',
  createdAt: edge.createdAt.toISOString(),
});
