import { spawnWorker, workerModuleUrl } from '#platform/workers/spawn-worker.js';
import {
  type CutoutResult,
  FitsError,
  type FitsErrorCode,
  type FitsLocation,
} from '../fits/index.js';
import type { FileCutoutRequest } from './cutout-file.js';

type WorkerReply =
  | { ok: true; result: CutoutResult }
  | { ok: false; error: { message: string; code?: FitsErrorCode; where?: FitsLocation } };

/** Cuts a box out of a file's image in a worker thread; resolves with the FITS bytes and where they came from. */
export function cutoutInWorker(request: FileCutoutRequest): Promise<CutoutResult> {
  return new Promise((resolve, reject) => {
    const worker = spawnWorker(workerModuleUrl('cutout-worker', import.meta.url), {
      workerData: request,
    });
    let settled = false;
    worker.once('message', (reply: WorkerReply) => {
      settled = true;
      if (reply.ok) resolve(reply.result);
      else {
        const e = reply.error;
        // The message already names the location: strip it so FitsError does not add it twice.
        reject(
          e.code
            ? new FitsError(e.code, e.message.replace(/ \([^)]*\)$/, ''), e.where ?? {})
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
      if (!settled) reject(new Error(`cutout worker exited with code ${code}`));
    });
  });
}
