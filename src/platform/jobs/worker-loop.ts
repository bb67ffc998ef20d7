import type { Logger } from 'pino';

export interface WorkerLoopOptions<J> {
  queue: string;
  concurrency: number;
  pollIntervalMs: number;
  /** Claims up to `limit` due jobs (pg-boss `fetch`: SKIP LOCKED, so processes never share one). */
  fetch(limit: number): Promise<J[]>;
  /** Runs one job to its end; never rejects. */
  run(job: J): Promise<void>;
  log: Pick<Logger, 'warn'>;
}

export interface WorkerLoop {
  /** Fetch now rather than at the next poll (a job was enqueued or a slot freed). */
  wake(): void;
  /** Stops fetching; resolves once no fetch is in progress. Running jobs are not touched. */
  stop(): Promise<void>;
}

/**
 * Keeps up to `concurrency` jobs of one queue running in this process. pg-boss's own `work()`
 * waits a whole polling interval after every batch; this loop fetches again as soon as a slot
 * frees up, so a busy queue flows at the speed of its handlers.
 */
export function startWorkerLoop<J>(options: WorkerLoopOptions<J>): WorkerLoop {
  const { concurrency, pollIntervalMs, log } = options;
  let active = 0;
  let stopped = false;
  let wakeRequested = false;
  let interruptSleep: (() => void) | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        interruptSleep = null;
        resolve();
      }
      interruptSleep = done;
    });

  function wake(): void {
    wakeRequested = true;
    interruptSleep?.();
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      wakeRequested = false;
      const free = concurrency - active;
      let claimed = 0;
      if (free > 0) {
        try {
          const jobs = await options.fetch(free);
          claimed = jobs.length;
          for (const job of jobs) {
            active++;
            void options.run(job).finally(() => {
              active--;
              wake();
            });
          }
        } catch (err) {
          log.warn({ err, queue: options.queue }, 'fetching jobs failed; will poll again');
        }
      }
      if (stopped) break;
      // A full batch means more may be waiting: go again as soon as there is a free slot.
      if (wakeRequested || (claimed > 0 && claimed === free && active < concurrency)) continue;
      await sleep(pollIntervalMs);
    }
  }

  const running = loop();
  return {
    wake,
    async stop() {
      stopped = true;
      interruptSleep?.();
      await running;
    },
  };
}
