import { parentPort } from 'node:worker_threads';
import { spawnWorker } from '#platform/workers/spawn-worker.js';
import { FitsError, type FitsErrorCode, type FitsLocation } from '../fits/index.js';

type WorkerReply<T> =
  | { ok: true; result: T }
  | { ok: false; error: { message: string; code?: FitsErrorCode; where?: FitsLocation } };

/**
 * Runs one task in a fresh worker thread started from `url` with `data`, and resolves with what
 * the worker answers through `answerParent`. A `FitsError` thrown in the worker arrives here as a
 * `FitsError` with its code and location; any other failure as an `Error` with its message.
 */
export function runInWorker<T>(url: URL, data: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = spawnWorker(url, { workerData: data });
    let settled = false;
    worker.once('message', (reply: WorkerReply<T>) => {
      settled = true;
      if (reply.ok) resolve(reply.result);
      else {
        const e = reply.error;
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
      if (!settled) reject(new Error(`FITS worker exited with code ${code}`));
    });
  });
}

/** The worker's side of `runInWorker`: posts the task's result (moving `transfer`) or its error. */
export async function answerParent<T>(
  task: () => Promise<{ result: T; transfer?: ArrayBuffer[] }>,
): Promise<void> {
  try {
    const { result, transfer = [] } = await task();
    parentPort?.postMessage({ ok: true, result }, transfer);
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
}
