// The cone-search figures on one engine: synthetic images, the plan of one cone, then latencies at
// the repository level and over HTTP (uncached, then the same centres again from the page cache).
import { listImages } from '#modules/archive/images/repository.js';
import type { ArchiveBench } from './archive-server.js';
import { coneCentres, insertSyntheticImages, type SkyPoint, syntheticSky } from './archive-sky.js';
import { type FigureRow, ms, type Percentiles, percentiles } from './archive-stats.js';

export const CONE_TARGET_MS = 20;
const RADIUS = 1;
const LIMIT = 100;

export interface ConeOptions {
  images: number;
  cones: number;
}

/** Runs `EXPLAIN (ANALYZE)` of the statement `listImages` sends for one cone. */
async function explainCone(bench: ArchiveBench, centre: SkyPoint) {
  const database = bench.app.lectern.database;
  const sent: { query: string; params: unknown[] }[] = [];
  const stop = database.observeQueries((query, params) => sent.push({ query, params }));
  try {
    await listImages(database.db, { cone: { ...centre, radius: RADIUS } }, 'distance', LIMIT, null);
  } finally {
    stop();
  }
  const statement = sent.find((s) => s.query.includes('sky_cell'));
  if (!statement) throw new Error('listImages sent no statement over sky_cell');
  const rows = await database.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE) ${statement.query}`,
    statement.params,
  );
  const lines = rows.map((r) => r['QUERY PLAN']);
  return { lines, usesIndex: lines.some((l) => l.includes('archive_images_sky_cell')) };
}

const SCAN = 'Bitmap Index Scan on archive_images_sky_cell';

/** The plan with one index scan per cover range shown once, the others counted. */
function condensePlan(lines: readonly string[]): string[] {
  const out: string[] = [];
  let scans = 0;
  let scanIndent = -1;
  const indentOf = (line: string) => line.length - line.trimStart().length;
  const flush = () => {
    if (scans > 1)
      out.push(
        `${' '.repeat(scanIndent)}… ${scans - 1} more of these (${scans} ranges in the cone's HEALPix cover)`,
      );
    scans = 0;
  };
  for (const line of lines) {
    const indent = indentOf(line);
    if (line.includes(SCAN)) {
      scanIndent = indent;
      if (++scans === 1) out.push(line);
      continue;
    }
    if (scans > 0 && indent <= scanIndent) flush();
    if (scans > 1 && indent > scanIndent) continue;
    // The recheck condition repeats every range of the cover: its start is enough.
    const ors = line.split(' OR ').length;
    out.push(ors > 3 ? `${line.slice(0, 200)}… (${ors} ranges OR-ed)` : line);
  }
  flush();
  return out;
}

function printPlan(title: string, plan: { lines: string[]; usesIndex: boolean }) {
  console.log(`  ${title}`);
  for (const line of condensePlan(plan.lines)) console.log(`    ${line}`);
  console.log(`  uses archive_images_sky_cell: ${plan.usesIndex ? 'yes' : 'NO'}`);
}

async function timeEach<T>(items: readonly T[], run: (item: T) => Promise<number>) {
  const times: number[] = [];
  let found = 0;
  for (const item of items) {
    const t0 = performance.now();
    found += await run(item);
    times.push(performance.now() - t0);
  }
  return { times: percentiles(times), meanRows: found / items.length };
}

const describe = (p: Percentiles) => `p50 ${ms(p.p50)} / p95 ${ms(p.p95)} / p99 ${ms(p.p99)} ms`;

export async function coneFigures(
  bench: ArchiveBench,
  engine: string,
  options: ConeOptions,
): Promise<FigureRow[]> {
  const { db } = bench.app.lectern.database;
  console.log(
    `\nCone search on ${engine}: ${options.images} synthetic images, ${options.cones} cones of ${RADIUS}°, limit ${LIMIT}, sort distance`,
  );
  const t0 = performance.now();
  await insertSyntheticImages(db, syntheticSky(options.images), bench.uploaderId);
  console.log(
    `  inserted ${options.images} images (+ QA rows) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const probe = { ra: 123.4, dec: 21.7 };
  let plan = await explainCone(bench, probe);
  let analyzed = false;
  if (!plan.usesIndex) {
    printPlan(`EXPLAIN of one cone at (${probe.ra}, ${probe.dec}) before ANALYZE`, plan);
    await bench.app.lectern.database.query('ANALYZE archive_images');
    await bench.app.lectern.database.query('ANALYZE archive_qa');
    analyzed = true;
    plan = await explainCone(bench, probe);
    console.log('  the plan did not use the sky index: ran ANALYZE archive_images, archive_qa');
  }
  printPlan(
    `EXPLAIN (ANALYZE) of one cone at (${probe.ra}, ${probe.dec})${analyzed ? ' after ANALYZE' : ''}`,
    plan,
  );
  const pole = await explainCone(bench, { ra: 10, dec: 89.5 });
  console.log(
    `  (a cone at the north pole: uses the index ${pole.usesIndex ? 'yes' : 'NO'}, ${pole.lines.at(-1)})`,
  );

  const centres = coneCentres(options.cones);
  const cone = (c: SkyPoint) => ({ cone: { ra: c.ra, dec: c.dec, radius: RADIUS } });
  // Warm-up at other centres: JIT, the engine's caches, the first statements' planning.
  for (const c of coneCentres(30, 99)) await listImages(db, cone(c), 'distance', LIMIT, null);
  const repo = await timeEach(
    centres,
    async (c) => (await listImages(db, cone(c), 'distance', LIMIT, null)).length,
  );
  let failures = 0;
  const http = (c: SkyPoint) => async () => {
    const res = await fetch(
      `${bench.origin}/api/v1/archive/images?ra=${c.ra}&dec=${c.dec}&radius=${RADIUS}&limit=${LIMIT}&sort=distance`,
      { headers: bench.auth },
    );
    const body = (await res.json()) as { data?: unknown[] };
    if (res.status !== 200) failures++;
    return body.data?.length ?? 0;
  };
  for (const c of coneCentres(30, 98)) await http(c)();
  const uncached = await timeEach(centres, (c) => http(c)());
  const cached = await timeEach(centres, (c) => http(c)());
  console.log(
    `  repository listImages: ${describe(repo.times)}, ${repo.meanRows.toFixed(1)} rows per cone (≤ ${LIMIT + 1})`,
  );
  console.log(
    `  HTTP, uncached:        ${describe(uncached.times)}, ${uncached.meanRows.toFixed(1)} images per page`,
  );
  console.log(`  HTTP, page cache:      ${describe(cached.times)}`);
  if (failures > 0) console.log(`  ${failures} HTTP cone requests did not answer 200`);
  const target = `p99 < ${CONE_TARGET_MS} ms`;
  return [
    {
      figure: `cone ${engine}: EXPLAIN uses archive_images_sky_cell`,
      value: plan.usesIndex ? `yes${analyzed ? ' (after ANALYZE)' : ''}` : 'no',
      target: 'yes',
      met: plan.usesIndex,
    },
    {
      figure: `cone ${engine}: repository listImages`,
      value: describe(repo.times),
      target,
      met: repo.times.p99 < CONE_TARGET_MS,
    },
    {
      figure: `cone ${engine}: HTTP uncached`,
      value: describe(uncached.times),
      target,
      met: uncached.times.p99 < CONE_TARGET_MS && failures === 0,
    },
    {
      figure: `cone ${engine}: HTTP cached page`,
      value: describe(cached.times),
      target,
      met: cached.times.p99 < CONE_TARGET_MS,
    },
  ];
}
