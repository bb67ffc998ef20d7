import { workerModuleUrl } from '#platform/workers/spawn-worker.js';
import type { PreviewResult } from '../fits/index.js';
import type { FilePreviewRequest } from './preview-file.js';
import { runInWorker } from './run-in-worker.js';

/** Renders a file's preview in a worker thread; resolves with the PNG bytes and display range. */
export function previewInWorker(
  request: FilePreviewRequest,
): Promise<PreviewResult & { hdu: number }> {
  return runInWorker(workerModuleUrl('preview-worker', import.meta.url), request);
}
