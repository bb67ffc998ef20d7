import type { Worker } from 'node:worker_threads';
import { spawnWorker, workerModuleUrl } from '#platform/workers/spawn-worker.js';
import type { PlacedMeeting, Problem, Progress, SolverName } from '../engine/index.js';
import { monotonicNow } from './monotonic-clock.js';
import { solvePortfolio } from './portfolio.js';
import type { PortfolioMessage, PortfolioWorkerData, WorkerResult } from './portfolio-worker.js';

export interface PoolSolveOptions {
  solver: SolverName;
  timeLimitMs: number;
  seed: number;
  /** Threads a portfolio may use (capped by the pool); other solvers use one. */
  threads?: number;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /** Called once the solve holds its threads and starts. */
  onStart?: () => void;
  /** Re-solve from a previous timetable (one thread, whatever the solver), paying per moved meeting. */
  reSolve?: { previous: PlacedMeeting[]; perturbationWeight: number };
}

/**
 * The process's one pool of solver threads: every solve takes its threads from it and waits
 * while they are taken, so concurrent solves queue instead of oversubscribing the CPU. Each
 * solve runs in its own worker thread(s); the event loop only relays messages.
 */
export function createSolverPool(size: number) {
  let free = Math.max(1, size);
  const waiting: Array<{ n: number; go: () => void }> = [];
  const wake = () => {
    while (waiting.length && waiting[0]!.n <= free) {
      const next = waiting.shift()!;
      free -= next.n;
      next.go();
    }
  };
  const acquire = (n: number, signal?: AbortSignal) =>
    new Promise<boolean>((resolve) => {
      if (signal?.aborted) return resolve(false);
      const entry = { n, go: () => resolve(true) };
      waiting.push(entry);
      signal?.addEventListener(
        'abort',
        () => {
          const i = waiting.indexOf(entry);
          if (i >= 0) {
            waiting.splice(i, 1);
            resolve(false);
          }
        },
        { once: true },
      );
      wake();
    });
  const release = (n: number) => {
    free += n;
    wake();
  };

  return {
    size: Math.max(1, size),
    /** Threads not taken now. */
    free: () => free,
    /** Solves waiting for threads. */
    queued: () => waiting.length,
    /** Solves once threads are free; null when aborted before it started. */
    async solve(problem: Problem, opts: PoolSolveOptions): Promise<WorkerResult | null> {
      const portfolio = opts.solver === 'portfolio' && !opts.reSolve;
      const n = portfolio ? Math.min(opts.threads ?? size, size) : 1;
      if (!(await acquire(n, opts.signal))) return null;
      try {
        opts.onStart?.();
        if (portfolio)
          return await solvePortfolio(problem, {
            now: monotonicNow,
            solver: 'portfolio',
            threads: n,
            timeLimitMs: opts.timeLimitMs,
            seed: opts.seed,
            ...(opts.signal ? { signal: opts.signal } : {}),
            ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
          });
        return await solveInWorker(problem, opts);
      } finally {
        release(n);
      }
    },
  };
}

export type SolverPool = ReturnType<typeof createSolverPool>;

function solveInWorker(problem: Problem, opts: PoolSolveOptions): Promise<WorkerResult> {
  const data: PortfolioWorkerData = {
    problem,
    options: { solver: opts.solver, timeLimitMs: opts.timeLimitMs, seed: opts.seed },
    ...(opts.reSolve ? { reSolve: opts.reSolve } : {}),
  };
  const worker: Worker = spawnWorker(workerModuleUrl('portfolio-worker', import.meta.url), {
    workerData: data,
  });
  const stop = () => worker.postMessage({ type: 'stop' });
  opts.signal?.addEventListener('abort', stop, { once: true });
  return new Promise<WorkerResult>((resolve, reject) => {
    let settled = false;
    worker.on('message', (m: PortfolioMessage) => {
      if (m.type === 'progress') opts.onProgress?.(m.progress);
      else if (m.type === 'result') {
        settled = true;
        resolve(m.result);
      } else {
        settled = true;
        reject(new Error(m.message));
      }
    });
    worker.on('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.on('exit', (code) => {
      opts.signal?.removeEventListener('abort', stop);
      if (!settled) reject(new Error(`solver worker exited with code ${code}`));
    });
  });
}
