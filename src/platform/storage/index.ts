import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock/index.js';
import type { Config } from '../config/index.js';
import { createLocalFileStore } from './local-file-store.js';
import { createStorage } from './service.js';

export { parseRange, type RangeRequest } from './byte-range.js';
export type { ByteRange, FileStat, FileStore, PutOptions, PutResult } from './file-store.js';
export { safeFilename } from './filename.js';
export { createLocalFileStore } from './local-file-store.js';
export { matchesDeclaredType, normalizeMediaType, sniffMediaType } from './magic-bytes.js';
export {
  FILE_FIELD,
  type ReceivedUpload,
  receiveUpload,
  type UploadPolicy,
} from './multipart-upload.js';
export { sendStoredFile } from './send-file.js';
export { createStorage, type RecordFileInput, type Storage } from './service.js';
export { type StoredFileRow, storedFiles } from './tables.js';

/** Where files live: `STORAGE_DIR`, or `files` under `DATA_DIR`. */
export const storageDirFor = (config: Config): string =>
  config.STORAGE_DIR ?? join(config.DATA_DIR, 'files');

/** The process's file storage, as configured. */
export function createStorageFromConfig(config: Config, log?: FastifyBaseLogger, clock?: Clock) {
  return createStorage(createLocalFileStore(storageDirFor(config)), log, clock);
}
