import { spawnWorker, workerModuleUrl } from '#platform/workers/spawn-worker.js';
import {
  FitsError,
  type FitsErrorCode,
  type FitsLocation,
  type PreviewResult,
} from '../fits/index.js';
import type { FilePreviewRequest } from './preview-file.js';

type WorkerReply =
  | { ok: true; result: PreviewResult & { hdu: number } }
  | { ok: false; error: { message: string; code?: FitsErrorCode; where?: FitsLocation } };

/** Renders a file's preview in a worker thread; resolves with the PNG bytes and display range. */
export function previewInWorker(
  request: FilePreviewRequest,
): Promise<PreviewResult & { hdu: number }> {
  return new Promise((resolve, reject) => {
    const worker = spawnWorker(workerModuleUrl('preview-worker', import.meta.url), {
      workerData: request,
    });
    let settled = false;
    worker.once('message', (reply: WorkerReply) => {
      settled = true;
      if (reply.ok) resolve(reply.result);
      else {
        const e = reply.error;
        reject(
          e.code
            ? Object.assign(
                new FitsError(e.code, e.message.replace(/ \([^)]*\)$/, ''), e.where ?? {}),
              )
            : new Error(e.message),
        );
      }
      void worker.terminate();
    });
    worker.once('error', (err) => {
      if (!settled) reject(err);
      settled = true;
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`preview worker exited with code ${code}`));
    });
  });
}
