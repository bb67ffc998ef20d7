import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The URL of a worker module beside `from`: `.ts` in a source checkout, `.js` once built. */
export function workerModuleUrl(name: string, from: string): URL {
  return new URL(`./${name}${from.endsWith('.ts') ? '.ts' : '.js'}`, from);
}

/**
 * Starts a worker thread from a module URL. Compiled `.js` modules start directly. A `.ts` module
 * (source checkouts run through tsx) starts from a tiny ESM bootstrap that loads it with tsx's
 * API: on Node 20 a worker does not get tsx's loader hooks from `--import tsx` in execArgv
 * ("Unknown file extension .ts"), and an inherited `--import tsx` would break the bootstrap.
 */
export function spawnWorker(url: URL, options: WorkerOptions = {}): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const code = [
    `const { tsImport } = await import(${JSON.stringify(tsxApiUrl())});`,
    `await tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(import.meta.url)});`,
  ].join('\n');
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), {
    ...options,
    execArgv: withoutTsx(options.execArgv ?? process.execArgv),
  });
}

function withoutTsx(args: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if ((arg === '--import' || arg === '--loader') && /tsx/.test(args[i + 1] ?? '')) i++;
    else if (!/^--(import|loader)=.*tsx/.test(arg)) kept.push(arg);
  }
  return kept;
}

function tsxApiUrl(): string {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    // Some runners (vitest) do not offer import.meta.resolve; require.resolve finds the CJS twin.
    return pathToFileURL(
      createRequire(import.meta.url)
        .resolve('tsx/esm/api')
        .replace(/\.cjs$/, '.mjs'),
    ).href;
  }
}
