import { workerData } from 'node:worker_threads';
import { answerParent } from './run-in-worker.js';
import { type FileStatsRequest, statsOfFile } from './stats-file.js';

await answerParent(async () => ({ result: await statsOfFile(workerData as FileStatsRequest) }));
