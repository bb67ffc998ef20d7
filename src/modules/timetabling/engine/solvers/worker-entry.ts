import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * URL to start the portfolio worker from. Built code runs the compiled `.js` worker. Source
 * checkouts load the `.ts` worker through a tiny ESM bootstrap using tsx's API, because on Node 20
 * a worker does not get tsx's loader hooks from `--import tsx` in execArgv.
 */
export function portfolioWorkerUrl(): URL {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new URL('./portfolio-worker.js', here);
  const target = new URL('./portfolio-worker.ts', here).href;
  const api = tsxApiUrl(here);
  const code = `const { tsImport } = await import(${JSON.stringify(api)});\nawait tsImport(${JSON.stringify(target)}, ${JSON.stringify(here)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

function tsxApiUrl(here: string): string {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    // Some runners (vitest) do not offer import.meta.resolve; require.resolve finds the CJS twin.
    return pathToFileURL(
      createRequire(here)
        .resolve('tsx/esm/api')
        .replace(/\.cjs$/, '.mjs'),
    ).href;
  }
}
