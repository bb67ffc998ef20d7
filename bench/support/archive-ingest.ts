// The ingest figure: every shared FITS file uploaded `rounds` times over HTTP, `concurrency` at once.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFitsPool, planFile } from '#modules/archive/fits-io/index.js';
import type { ArchiveBench, UploadResult } from './archive-server.js';
import { uploadFits } from './archive-server.js';
import { type FigureRow, ms, percentiles } from './archive-stats.js';

export interface IngestOptions {
  dataDir: string;
  rounds: number;
  concurrency: number;
}

/**
 * Where an upload's time goes, per file on average: the engine's read of the file in this thread,
 * then the same in a pooled worker thread as the ingest runs it (after a warm-up pass of each).
 */
async function engineBreakdown(paths: string[]) {
  const mean = async (run: (path: string) => Promise<unknown>) => {
    for (const path of paths) await run(path);
    const t0 = performance.now();
    for (const path of paths) await run(path).catch(() => undefined);
    return (performance.now() - t0) / paths.length;
  };
  const pool = createFitsPool(1);
  try {
    return {
      inProcess: await mean(planFile),
      inWorker: await mean((path) => pool.run({ kind: 'plan', path })),
    };
  } finally {
    await pool.close();
  }
}

export async function ingestFigures(
  bench: ArchiveBench,
  options: IngestOptions,
): Promise<FigureRow[]> {
  const files = readdirSync(options.dataDir)
    .filter((f) => f.endsWith('.fits'))
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(options.dataDir, name));
      return { name, size: bytes.length, blob: new Blob([bytes]) };
    });
  const totalMb = files.reduce((n, f) => n + f.size, 0) / 1e6;
  console.log(
    `\nIngest over HTTP: ${files.length} files (${totalMb.toFixed(2)} MB) from ${options.dataDir}, ${options.rounds} rounds, ${options.concurrency} uploads at once, after one warm-up round`,
  );
  const run = Date.now().toString(36);
  for (const f of files)
    await uploadFits(bench.origin, bench.auth, f.blob, f.name, `warm-${run}-${f.name}`);

  const queue = Array.from({ length: options.rounds }, (_, round) =>
    files.map((f) => ({ f, round })),
  ).flat();
  const results: (UploadResult & { size: number; name: string })[] = [];
  const t0 = performance.now();
  const worker = async () => {
    for (let task = queue.shift(); task; task = queue.shift()) {
      const { f, round } = task;
      const r = await uploadFits(
        bench.origin,
        bench.auth,
        f.blob,
        f.name,
        `bench-${run}-${round}-${f.name}`,
      );
      results.push({ ...r, size: f.size, name: f.name });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;

  const ingested = results.filter((r) => r.status === 201);
  const noImage = results.filter((r) => r.status === 422 && r.code === 'FITS_NO_IMAGE');
  const failed = results.filter((r) => r.status !== 201 && !noImage.includes(r));
  const mb = results.reduce((n, r) => n + r.size, 0) / 1e6;
  const ingestedMb = ingested.reduce((n, r) => n + r.size, 0) / 1e6;
  const latency = percentiles(ingested.map((r) => r.ms));
  const images = ingested.reduce((n, r) => n + r.imageIds.length, 0);
  const noImageNames = [...new Set(noImage.map((r) => r.name))];
  console.log(
    `  ${results.length} uploads in ${seconds.toFixed(2)} s: ${ingested.length} ingested (${images} images), ${noImage.length} answered 422 FITS_NO_IMAGE (${noImageNames.join(', ') || 'none'}), ${failed.length} failed`,
  );
  for (const r of failed.slice(0, 5))
    console.log(`  failed: ${r.name} → ${r.status} ${r.code ?? ''}`);
  console.log(`  per ingested upload: p50 ${ms(latency.p50)} ms, p99 ${ms(latency.p99)} ms`);
  const engine = await engineBreakdown(files.map((f) => join(options.dataDir, f.name)));
  console.log(
    `  the engine alone, per file: ${ms(engine.inProcess)} ms in this thread, ${ms(engine.inWorker)} ms in a pooled worker thread (as the ingest runs it)`,
  );
  return [
    {
      figure: 'ingest: uploads per second (all answers)',
      value: `${(results.length / seconds).toFixed(1)} files/s, ${(mb / seconds).toFixed(2)} MB/s`,
    },
    {
      figure: 'ingest: ingested files only (201)',
      value: `${(ingested.length / seconds).toFixed(1)} files/s, ${(ingestedMb / seconds).toFixed(2)} MB/s`,
    },
    {
      figure: 'ingest: answers',
      value: `${ingested.length} × 201, ${noImage.length} × 422 FITS_NO_IMAGE, ${failed.length} other`,
      target: 'no other',
      met: failed.length === 0,
    },
    {
      figure: 'ingest: latency per ingested upload',
      value: `p50 ${ms(latency.p50)} / p99 ${ms(latency.p99)} ms`,
    },
    { figure: 'ingest baseline: engine per file, in-thread', value: `${ms(engine.inProcess)} ms` },
    {
      figure: 'ingest baseline: engine per file, pooled worker',
      value: `${ms(engine.inWorker)} ms`,
    },
  ];
}
