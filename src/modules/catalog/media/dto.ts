import type { StoredFileRow } from '#platform/storage/index.js';

export const fileUrl = (id: string) => `/api/v1/files/${id}`;

export function toStoredFileDto(row: StoredFileRow) {
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    url: fileUrl(row.id),
    createdAt: row.createdAt.toISOString(),
  };
}

export type StoredFileDto = ReturnType<typeof toStoredFileDto>;
