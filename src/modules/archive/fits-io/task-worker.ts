import { parentPort } from 'node:worker_threads';
import { FitsError } from '../fits/index.js';
import { cutoutFile } from './cutout-file.js';
import type { FitsTask } from './fits-pool.js';
import { planFile } from './plan-file.js';
import { previewFile } from './preview-file.js';
import { statsOfFile } from './stats-file.js';

/** Copies a result's bytes into buffers of their own, so they can be moved, not copied. */
const own = (bytes: Uint8Array) => bytes.slice();

async function perform(task: FitsTask): Promise<{ result: unknown; transfer: ArrayBuffer[] }> {
  switch (task.kind) {
    case 'plan':
      return { result: await planFile(task.path), transfer: [] };
    case 'stats':
      return { result: await statsOfFile(task.request), transfer: [] };
    case 'preview': {
      const result = await previewFile(task.request);
      const png = own(result.png);
      return { result: { ...result, png }, transfer: [png.buffer as ArrayBuffer] };
    }
    case 'cutout': {
      const result = await cutoutFile(task.request);
      const fits = own(result.fits);
      const png = result.png ? own(result.png) : undefined;
      return {
        result: { ...result, fits, ...(png ? { png } : {}) },
        transfer: [fits.buffer as ArrayBuffer, ...(png ? [png.buffer as ArrayBuffer] : [])],
      };
    }
  }
}

// One task at a time per worker: the pool sends the next once this one has answered.
parentPort?.on('message', async ({ id, task }: { id: number; task: FitsTask }) => {
  try {
    const { result, transfer } = await perform(task);
    parentPort?.postMessage({ id, ok: true, result }, transfer);
  } catch (err) {
    parentPort?.postMessage({
      id,
      ok: false,
      error: {
        message: err instanceof Error ? err.message : String(err),
        code: err instanceof FitsError ? err.code : undefined,
        where: err instanceof FitsError ? err.where : undefined,
      },
    });
  }
});
