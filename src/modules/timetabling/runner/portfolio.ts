import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { spawnWorker, workerModuleUrl } from '#platform/workers/spawn-worker.js';
import type {
  Now,
  Problem,
  Progress,
  SolveOptions,
  SolveResult,
  SolverName,
} from '../engine/index.js';
import type { PortfolioMessage, PortfolioWorkerData } from './portfolio-worker.js';

export interface PortfolioOptions extends SolveOptions {
  /** Number of worker threads (default: one per core). */
  threads?: number;
}

/** Members cycle through these; the first ones differ in method, the rest in seed. */
const MEMBERS: ReadonlyArray<{ solver: SolverName; seedOffset: number }> = [
  { solver: 'hybrid', seedOffset: 0 },
  { solver: 'hybrid', seedOffset: 1 },
  { solver: 'annealing', seedOffset: 2 },
  { solver: 'tabu', seedOffset: 3 },
];

const PROGRESS_EVERY_MS = 200;

const better = (a: { hard: number; soft: number }, b: { hard: number; soft: number }) =>
  a.hard < b.hard || (a.hard === b.hard && a.soft < b.soft);

/**
 * Runs several solvers/seeds in worker threads (one per core by default) and keeps the best
 * result. The calling thread only relays messages, so its event loop stays free.
 */
export async function solvePortfolio(
  problem: Problem,
  opts: PortfolioOptions,
): Promise<SolveResult> {
  const now: Now = opts.now;
  const threads = Math.max(1, opts.threads ?? availableParallelism());
  const seed = opts.seed ?? 1;
  const latest: Array<Progress | null> = Array.from({ length: threads }, () => null);
  const started = now();
  let lastReport = 0;
  const report = (force: boolean) => {
    const at = now();
    if (!opts.onProgress || (!force && at - lastReport < PROGRESS_EVERY_MS)) return;
    lastReport = at;
    let best: Progress | null = null;
    let iterations = 0;
    for (const p of latest) {
      if (!p) continue;
      iterations += p.iterations;
      if (
        !best ||
        better({ hard: p.bestHard, soft: p.bestSoft }, { hard: best.bestHard, soft: best.bestSoft })
      )
        best = p;
    }
    opts.onProgress({
      elapsedMs: Math.round(at - started),
      iterations,
      hard: best?.hard ?? Number.POSITIVE_INFINITY,
      soft: best?.soft ?? Number.POSITIVE_INFINITY,
      bestHard: best?.bestHard ?? Number.POSITIVE_INFINITY,
      bestSoft: best?.bestSoft ?? Number.POSITIVE_INFINITY,
      phase: `portfolio×${threads}`,
    });
  };
  // Keeps progress flowing every 250 ms at most even while workers are still compiling.
  const ticker = setInterval(() => report(true), PROGRESS_EVERY_MS);
  const workers: Worker[] = [];
  const onAbort = () => {
    for (const w of workers) w.postMessage({ type: 'stop' });
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const runs = Array.from({ length: threads }, (_, i) => {
      const member = MEMBERS[i % MEMBERS.length]!;
      const data: PortfolioWorkerData = {
        problem,
        options: {
          solver: member.solver,
          seed: seed + (i < MEMBERS.length ? member.seedOffset : i),
          timeLimitMs: opts.timeLimitMs,
          maxIterations: opts.maxIterations,
          initial: opts.initial,
        },
      };
      const worker = spawnWorker(workerModuleUrl('portfolio-worker', import.meta.url), {
        workerData: data,
      });
      workers.push(worker);
      if (opts.signal?.aborted) worker.postMessage({ type: 'stop' });
      return new Promise<SolveResult>((resolve, reject) => {
        let settled = false;
        worker.on('message', (m: PortfolioMessage) => {
          if (m.type === 'progress') {
            latest[i] = m.progress;
            report(false);
          } else if (m.type === 'result') {
            settled = true;
            resolve(m.result);
          } else {
            settled = true;
            reject(new Error(`portfolio worker ${i}: ${m.message}`));
          }
        });
        worker.on('error', (err) => {
          settled = true;
          reject(err);
        });
        worker.on('exit', (code) => {
          if (!settled) reject(new Error(`portfolio worker ${i} exited with code ${code}`));
        });
      });
    });
    const results = await Promise.all(runs);
    let best = results[0]!;
    for (const r of results) if (better(r, best)) best = r;
    const evaluations = results.reduce((sum, r) => sum + r.evaluations, 0);
    const elapsedMs = Math.round(now() - started);
    report(true);
    return {
      ...best,
      iterations: results.reduce((sum, r) => sum + r.iterations, 0),
      evaluations,
      evaluationsPerSecond: Math.round(evaluations / Math.max(1e-3, elapsedMs / 1000)),
      elapsedMs,
      solver: 'portfolio',
      seed,
    };
  } finally {
    clearInterval(ticker);
    opts.signal?.removeEventListener('abort', onAbort);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
