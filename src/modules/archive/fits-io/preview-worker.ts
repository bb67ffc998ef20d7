import { parentPort, workerData } from 'node:worker_threads';
import { FitsError } from '../fits/index.js';
import { type FilePreviewRequest, previewFile } from './preview-file.js';

// Runs one preview per worker: reading, statistics and PNG encoding stay off the main event loop.
const request = workerData as FilePreviewRequest;
try {
  const result = await previewFile(request);
  // A copy owns its ArrayBuffer outright (pooled Buffer memory must not be transferred).
  const png = result.png.slice();
  parentPort?.postMessage({ ok: true, result: { ...result, png } }, [png.buffer]);
} catch (err) {
  parentPort?.postMessage({
    ok: false,
    error: {
      message: err instanceof Error ? err.message : String(err),
      code: err instanceof FitsError ? err.code : undefined,
      where: err instanceof FitsError ? err.where : undefined,
    },
  });
}
