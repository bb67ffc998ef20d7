import { workerData } from 'node:worker_threads';
import { planFile } from './plan-file.js';
import { answerParent } from './run-in-worker.js';

await answerParent(async () => ({ result: await planFile((workerData as { path: string }).path) }));
