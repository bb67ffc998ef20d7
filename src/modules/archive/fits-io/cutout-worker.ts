import { parentPort, workerData } from 'node:worker_threads';
import { FitsError } from '../fits/index.js';
import { cutoutFile, type FileCutoutRequest } from './cutout-file.js';

// Runs one cutout per worker: reading and re-encoding a large box stay off the main event loop.
const request = workerData as FileCutoutRequest;
try {
  const result = await cutoutFile(request);
  const whole =
    result.fits.byteOffset === 0 && result.fits.byteLength === result.fits.buffer.byteLength;
  // Only an array that owns its ArrayBuffer outright may be transferred (not a view into a pool).
  const fits =
    whole && result.fits.buffer instanceof ArrayBuffer ? result.fits : result.fits.slice();
  parentPort?.postMessage({ ok: true, result: { ...result, fits } }, [fits.buffer as ArrayBuffer]);
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
