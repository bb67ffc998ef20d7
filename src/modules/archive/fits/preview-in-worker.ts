import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { spawnWorker } from '../../../platform/workers/spawn-worker.js';
import { FitsError, type FitsErrorCode, type FitsLocation } from './errors.js';
import type { PreviewResult } from './preview.js';
import type { FilePreviewRequest } from './preview-file.js';

type WorkerReply =
  | { ok: true; result: PreviewResult & { hdu: number } }
  | { ok: false; error: { message: string; code?: FitsErrorCode; where?: FitsLocation } };

/**
 * The worker's entry. Built code runs the compiled `.js` worker. Source checkouts run the `.ts`
 * worker through a small ESM bootstrap that loads it with tsx's API: on Node 20 a worker does not
 * get tsx's loader hooks from `--import tsx` in execArgv ("Unknown file extension .ts").
 */
function workerEntry(): URL {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new URL('./preview-worker.js', here);
  const target = new URL('./preview-worker.ts', here).href;
  const api = tsxApiUrl(here);
  const code = `const { tsImport } = await import(${JSON.stringify(api)});\nawait tsImport(${JSON.stringify(target)}, ${JSON.stringify(here)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

function tsxApiUrl(here: string): string {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    // Some runners (vitest) do not offer import.meta.resolve; require.resolve finds the CJS twin.
    return pathToFileURL(
      createRequire(here)
        .resolve('tsx/esm/api')
        .replace(/\.cjs$/, '.mjs'),
    ).href;
  }
}

/** Renders a file's preview in a worker thread; resolves with the PNG bytes and display range. */
export function previewInWorker(
  request: FilePreviewRequest,
): Promise<PreviewResult & { hdu: number }> {
  return new Promise((resolve, reject) => {
    const worker = spawnWorker(workerEntry(), { workerData: request });
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
