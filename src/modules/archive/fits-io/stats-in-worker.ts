import { workerModuleUrl } from '#platform/workers/spawn-worker.js';
import type { InspectReport } from '../fits/index.js';
import { runInWorker } from './run-in-worker.js';
import type { FileStatsRequest } from './stats-file.js';

/** Statistics of one HDU or plane of a file, computed in a worker thread. */
export function statsInWorker(request: FileStatsRequest): Promise<InspectReport['hdus'][number]> {
  return runInWorker(workerModuleUrl('stats-worker', import.meta.url), request);
}
