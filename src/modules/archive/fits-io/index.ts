/** The FITS engine's adapter to the machine: files as byte sources, work in worker threads. */
export { cutoutFile, type FileCutoutRequest } from './cutout-file.js';
export {
  DEFAULT_IN_MEMORY_LIMIT,
  type OpenSourceOptions,
  openFileSource,
} from './file-source.js';
export { createFitsPool, type FitsPool, type FitsTask } from './fits-pool.js';
export { planFile } from './plan-file.js';
export { type FilePreviewRequest, previewFile } from './preview-file.js';
export { previewInWorker } from './preview-in-worker.js';
export { type FileStatsRequest, statsOfFile } from './stats-file.js';
