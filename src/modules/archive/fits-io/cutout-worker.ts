import { workerData } from 'node:worker_threads';
import { cutoutFile, type FileCutoutRequest } from './cutout-file.js';
import { answerParent } from './run-in-worker.js';

await answerParent(async () => {
  const result = await cutoutFile(workerData as FileCutoutRequest);
  // Only an array that owns its whole ArrayBuffer may be transferred (not a view into a pool).
  const owns =
    result.fits.byteOffset === 0 &&
    result.fits.byteLength === result.fits.buffer.byteLength &&
    result.fits.buffer instanceof ArrayBuffer;
  const fits = owns ? result.fits : result.fits.slice();
  const png = result.png?.slice();
  const transfer = [fits.buffer as ArrayBuffer, ...(png ? [png.buffer as ArrayBuffer] : [])];
  return { result: { ...result, fits, ...(png ? { png } : {}) }, transfer };
});
