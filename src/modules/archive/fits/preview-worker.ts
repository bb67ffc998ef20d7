import { parentPort, workerData } from 'node:worker_threads';
import { FitsError } from './errors.js';
import { type FilePreviewRequest, previewFile } from './preview-file.js';

// Runs one preview per worker: reading, statistics and PNG encoding stay off the main event loop.
const request = workerData as FilePreviewRequest;
try {
  const result = await previewFile(request);
  parentPort?.postMessage({ ok: true, result }, [result.png.buffer as ArrayBuffer]);
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
