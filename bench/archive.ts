// `npm run bench -- archive [--images 100000] [--cones 500] [--rounds 5] [--concurrency 2]
//   [--side 4096] [--data ../shared/data/fits] [--no-ingest] [--no-preview] [--no-cones] [--no-postgres]`
//
// The archive's three figures, against Lectern listening on 127.0.0.1 (in this process, embedded
// PGlite in a temp DATA_DIR, an instructor signed in):
// 1. ingest: the shared FITS files uploaded over HTTP `--rounds` times, `--concurrency` at once,
//    files/s and MB/s (1 MB = 10^6 bytes); files without an image HDU (422 FITS_NO_IMAGE) apart;
// 2. preview: a `--side`² float32 image uploaded, then its PNG previews (first render in a worker,
//    cached, other stretches) fetched from a child process while this process samples its own
//    event-loop delay (target p99 < 20 ms);
// 3. cone search: `--images` synthetic centres, the EXPLAIN of one cone, then 1° cones at `--cones`
//    centres: repository `listImages`, HTTP uncached, HTTP from the page cache (target p99 < 20 ms),
//    on PGlite and on PostgreSQL (DATABASE_URL, or a throw-away local cluster when installed).
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { coneFigures } from './support/archive-cones.js';
import { ingestFigures } from './support/archive-ingest.js';
import { startScratchPostgres } from './support/archive-postgres.js';
import { previewFigures } from './support/archive-preview.js';
import { type ArchiveBench, startArchiveBench } from './support/archive-server.js';
import { type FigureRow, ms, percentiles, printFigures } from './support/archive-stats.js';
import { startBaselineServer } from './support/baseline-server.js';

const { values } = parseArgs({
  options: {
    images: { type: 'string', default: '100000' },
    cones: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '2' },
    side: { type: 'string', default: '4096' },
    data: { type: 'string' },
    'no-ingest': { type: 'boolean', default: false },
    'no-preview': { type: 'boolean', default: false },
    'no-cones': { type: 'boolean', default: false },
    'no-postgres': { type: 'boolean', default: false },
  },
});
const root = fileURLToPath(new URL('../', import.meta.url));
const dataDir = values.data ? resolve(values.data) : resolve(root, '../shared/data/fits');
const coneOptions = { images: Number(values.images), cones: Number(values.cones) };

/** Latency percentiles move with whatever else runs on the machine: say how busy it was. */
const machineLoad = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${availableParallelism()} cores`;

/** Sequential GETs of a bare Fastify hello-world: the HTTP floor under the cone figures. */
async function httpFloor(count: number): Promise<FigureRow> {
  const baseline = await startBaselineServer();
  try {
    const times: number[] = [];
    for (let i = 0; i < count + 30; i++) {
      const t0 = performance.now();
      await (await fetch(`${baseline.origin}/`)).json();
      if (i >= 30) times.push(performance.now() - t0);
    }
    const p = percentiles(times);
    return {
      figure: 'HTTP floor: fastify hello-world, sequential GET',
      value: `p50 ${ms(p.p50)} / p95 ${ms(p.p95)} / p99 ${ms(p.p99)} ms`,
    };
  } finally {
    await baseline.close();
  }
}

async function onPostgres(rows: FigureRow[]): Promise<void> {
  let url = process.env.DATABASE_URL;
  let stop = () => {};
  if (!url) {
    const scratch = await startScratchPostgres();
    if (typeof scratch === 'string') {
      console.log(`\nPostgreSQL skipped: no DATABASE_URL and ${scratch}`);
      return;
    }
    ({ url, stop } = scratch);
    console.log('\nPostgreSQL: a throw-away cluster on 127.0.0.1 (fsync off)');
  }
  try {
    const bench: ArchiveBench = await startArchiveBench('archive-pg', { DATABASE_URL: url });
    try {
      rows.push(...(await coneFigures(bench, 'PostgreSQL', coneOptions)));
    } finally {
      await bench.close();
    }
  } finally {
    stop();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const rows: FigureRow[] = [];
  const bench = await startArchiveBench('archive');
  console.log(
    `Lectern on ${bench.origin}, ${bench.backend}; node ${process.version}; ${machineLoad()}`,
  );
  try {
    if (values['no-ingest']) console.log('\ningest skipped (--no-ingest)');
    else if (!existsSync(dataDir))
      console.log(`\ningest skipped: the shared FITS files are not at ${dataDir} (--data <dir>)`);
    else
      rows.push(
        ...(await ingestFigures(bench, {
          dataDir,
          rounds: Number(values.rounds),
          concurrency: Number(values.concurrency),
        })),
      );
    if (!values['no-preview']) rows.push(...(await previewFigures(bench, Number(values.side))));
    if (!values['no-cones']) {
      rows.push(await httpFloor(coneOptions.cones));
      rows.push(...(await coneFigures(bench, 'PGlite', coneOptions)));
    }
  } finally {
    await bench.close();
  }
  if (!values['no-cones'] && !values['no-postgres']) await onPostgres(rows);
  console.log(
    `\nResults (${((performance.now() - started) / 1000).toFixed(0)} s in all; at the end ${machineLoad()})`,
  );
  printFigures(rows);
  const judged = rows.filter((r) => r.met !== undefined && r.met !== null);
  const missed = judged.filter((r) => !r.met);
  console.log(
    missed.length === 0
      ? `\nall ${judged.length} targets met`
      : `\n${missed.length} of ${judged.length} targets NOT met: ${missed.map((r) => r.figure).join('; ')}`,
  );
}

await main();
