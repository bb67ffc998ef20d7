import { parentPort, workerData } from 'node:worker_threads';
import {
  compile,
  type Problem,
  type Progress,
  type SolveOptions,
  type SolveResult,
  solveCompiled,
} from '../engine/index.js';
import { monotonicNow } from './monotonic-clock.js';

/** One portfolio member: solves in its own thread, streams progress, stops on request. */
export interface PortfolioWorkerData {
  problem: Problem;
  options: Omit<SolveOptions, 'now' | 'signal' | 'onProgress'>;
}

export type PortfolioMessage =
  | { type: 'progress'; progress: Progress }
  | { type: 'result'; result: SolveResult }
  | { type: 'error'; message: string };

const port = parentPort;
if (port) {
  const data = workerData as PortfolioWorkerData;
  const controller = new AbortController();
  port.on('message', (msg: { type: string }) => {
    if (msg.type === 'stop') controller.abort();
  });
  const post = (m: PortfolioMessage) => port.postMessage(m);
  solveCompiled(compile(data.problem), {
    ...data.options,
    now: monotonicNow,
    signal: controller.signal,
    onProgress: (progress) => post({ type: 'progress', progress }),
  })
    .then((result) => post({ type: 'result', result }))
    .catch((err: unknown) =>
      post({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
    )
    .finally(() => port.close());
}
