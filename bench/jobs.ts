// `npm run bench -- jobs [--jobs 2000] [--concurrency 20]`
//
// Throughput of the job queue: N no-op jobs are enqueued, one unit of work each (as a service
// would), by a process that only enqueues (ROLE=api); then a worker queue on the same database
// takes and completes them all (fetch, record start, run, complete record and pg-boss job in one
// transaction). Runs on embedded PGlite (a fresh data directory) and, when DATABASE_URL is set,
// on a scratch database of that PostgreSQL server (created and dropped here).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { type DatabaseHandle, inTransaction, migrateUp, openDatabase } from '#platform/db/index.js';
import { createJobQueue } from '#platform/jobs/index.js';

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '20' },
  },
});
const total = Number(values.jobs);
const concurrency = Number(values.concurrency);
const silent = { info() {}, warn() {}, error() {}, debug() {} };

interface Row {
  engine: string;
  jobs: number;
  enqueuePerSecond: number;
  workPerSecond: number;
  seconds: number;
}

async function measure(engine: string, database: DatabaseHandle): Promise<Row> {
  await migrateUp(database.db);
  const producer = createJobQueue({ database, log: silent, work: false });
  producer.register('noop', async () => null);
  await producer.start();
  const t0 = performance.now();
  for (let i = 0; i < total; i++)
    await inTransaction(database.db, ({ tx }) => producer.enqueue(tx, 'noop', { i }));
  const enqueued = performance.now();
  await producer.stop();

  let done = 0;
  let allDone: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    allDone = resolve;
  });
  const worker = createJobQueue({ database, log: silent, work: true, pollIntervalMs: 500 });
  worker.register(
    'noop',
    async () => {
      if (++done === total) allDone();
      return null;
    },
    { concurrency },
  );
  const w0 = performance.now();
  await worker.start();
  await finished;
  while (worker.running() > 0) await new Promise((r) => setTimeout(r, 1));
  const worked = performance.now();
  await worker.stop();
  return {
    engine,
    jobs: total,
    enqueuePerSecond: Math.round(total / ((enqueued - t0) / 1000)),
    workPerSecond: Math.round(total / ((worked - w0) / 1000)),
    seconds: Math.round((worked - t0) / 100) / 10,
  };
}

async function onPglite(): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-bench-jobs-'));
  const database = await openDatabase({ pgliteDir: dir });
  try {
    return await measure('PGlite (embedded)', database);
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(baseUrl: string): Promise<Row> {
  const name = `lectern_bench_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolMax: concurrency + 5 });
  try {
    return await measure('PostgreSQL', database);
  } finally {
    await database.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

const rows: Row[] = [];
const url = process.env.DATABASE_URL;
if (url) rows.push(await onPostgres(url));
rows.push(await onPglite());

console.log(`\njobs: ${total} no-op jobs, concurrency ${concurrency} (one worker process)\n`);
console.log('| engine | jobs | enqueue (jobs/s) | work (jobs/s) | total (s) |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const r of rows)
  console.log(
    `| ${r.engine} | ${r.jobs} | ${r.enqueuePerSecond} | ${r.workPerSecond} | ${r.seconds} |`,
  );
if (!url) console.log('| PostgreSQL | — | skipped: DATABASE_URL is not set | | |');
