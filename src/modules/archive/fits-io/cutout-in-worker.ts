import { workerModuleUrl } from '#platform/workers/spawn-worker.js';
import type { CutoutResult } from '../fits/index.js';
import type { FileCutoutRequest } from './cutout-file.js';
import { runInWorker } from './run-in-worker.js';

/** Cuts a box out of a file's image in a worker thread: the FITS bytes and where they came from. */
export function cutoutInWorker(
  request: FileCutoutRequest,
): Promise<CutoutResult & { png?: Uint8Array }> {
  return runInWorker(workerModuleUrl('cutout-worker', import.meta.url), request);
}
