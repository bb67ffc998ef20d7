import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread from a module URL. Source checkouts run TypeScript through tsx, whose
 * loader is not inherited by workers started with a `.ts` URL, so it is added to `execArgv` here.
 */
export function spawnWorker(url: URL, options: WorkerOptions = {}): Worker {
  const inherited = options.execArgv ?? process.execArgv;
  const hasTsx = inherited.some((arg) => arg === 'tsx' || arg.includes('tsx/'));
  const execArgv =
    url.pathname.endsWith('.ts') && !hasTsx ? [...inherited, '--import', 'tsx'] : options.execArgv;
  return new Worker(url, { ...options, execArgv });
}
