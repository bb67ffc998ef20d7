import { parentPort, workerData } from 'node:worker_threads';
import {
  compile,
  type PlacedMeeting,
  type Problem,
  type Progress,
  reSolve,
  type SolveOptions,
  type SolveResult,
  solveCompiled,
} from '../engine/index.js';
import { monotonicNow } from './monotonic-clock.js';

/** One portfolio member: solves in its own thread, streams progress, stops on request. */
export interface PortfolioWorkerData {
  problem: Problem;
  options: Omit<SolveOptions, 'now' | 'signal' | 'onProgress'>;
  /** When set, a minimal-perturbation re-solve starting from these placed meetings. */
  reSolve?: { previous: PlacedMeeting[]; perturbationWeight: number };
}

/** A worker's result; a re-solve also counts the meetings it moved and those it had to. */
export type WorkerResult = SolveResult & { moved?: number; displaced?: number };

export type PortfolioMessage =
  | { type: 'progress'; progress: Progress }
  | { type: 'result'; result: WorkerResult }
  | { type: 'error'; message: string };

const port = parentPort;
if (port) {
  const data = workerData as PortfolioWorkerData;
  const controller = new AbortController();
  port.on('message', (msg: { type: string }) => {
    if (msg.type === 'stop') controller.abort();
  });
  const post = (m: PortfolioMessage) => port.postMessage(m);
  const common = {
    now: monotonicNow,
    signal: controller.signal,
    onProgress: (progress: Progress) => post({ type: 'progress', progress }),
  };
  const { solver: _solver, initial: _initial, ...budget } = data.options;
  const run: Promise<WorkerResult> = data.reSolve
    ? reSolve(data.problem, data.reSolve.previous, {
        ...budget,
        ...common,
        perturbationWeight: data.reSolve.perturbationWeight,
      })
    : solveCompiled(compile(data.problem), { ...data.options, ...common });
  run
    .then((result) => post({ type: 'result', result }))
    .catch((err: unknown) =>
      post({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
    )
    .finally(() => port.close());
}
