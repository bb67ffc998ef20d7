import { workerModuleUrl } from '#platform/workers/spawn-worker.js';
import type { PlannedImage } from '../fits/index.js';
import { runInWorker } from './run-in-worker.js';

/** Reads, measures and checks a FITS file in a worker thread: what the archive stores of it. */
export function planInWorker(path: string): Promise<PlannedImage[]> {
  return runInWorker(workerModuleUrl('plan-worker', import.meta.url), { path });
}
