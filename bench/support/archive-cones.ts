// The cone-search figures on one engine: synthetic images, the plan of one cone, then latencies at
// the repository level and over HTTP (uncached, then the same centres again from the page cache).
import { listImages } from '#modules/archive/images/repository.js';
import type { ArchiveBench } from './archive-server.js';
import {
  coneCentres,
  inCluster,
  insertSyntheticImages,
  type SkyPoint,
  syntheticSky,
} from './archive-sky.js';
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
  return {
    lines,
    usesIndex: lines.some((l) => l.includes('archive_images_sky_cell')),
    parallel: lines.some((l) => /Gather|Parallel/.test(l)),
  };
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

function printPlan(
  title: string,
  plan: { lines: string[]; usesIndex: boolean; parallel: boolean },
) {
  console.log(`  ${title}`);
  for (const line of condensePlan(plan.lines)) console.log(`    ${line}`);
  console.log(
    `  uses archive_images_sky_cell: ${plan.usesIndex ? 'yes' : 'NO'}; parallel plan: ${plan.parallel ? 'yes' : 'no'}`,
  );
}

/** Latencies of `run` over the centres: all of them, the uniform ones and the clustered ones. */
async function timeCones(centres: readonly SkyPoint[], run: (c: SkyPoint) => Promise<number>) {
  const times: number[] = [];
  let found = 0;
  for (const c of centres) {
    const t0 = performance.now();
    found += await run(c);
    times.push(performance.now() - t0);
  }
  return {
    all: percentiles(times),
    uniform: percentiles(times.filter((_, i) => !inCluster(i))),
    clusters: percentiles(times.filter((_, i) => inCluster(i))),
    meanRows: found / centres.length,
  };
}

type ConeTimes = Awaited<ReturnType<typeof timeCones>>;

const describe = (p: Percentiles) => `p50 ${ms(p.p50)} / p95 ${ms(p.p95)} / p99 ${ms(p.p99)} ms`;

function report(label: string, t: ConeTimes, unit: string) {
  console.log(
    `  ${label.padEnd(34)} ${describe(t.all)}, ${t.meanRows.toFixed(1)} ${unit}; uniform p50 ${ms(t.uniform.p50)} / p99 ${ms(t.uniform.p99)}, clusters p50 ${ms(t.clusters.p50)} / p99 ${ms(t.clusters.p99)}`,
  );
}

export async function coneFigures(
  bench: ArchiveBench,
  engine: string,
  options: ConeOptions,
): Promise<FigureRow[]> {
  const database = bench.app.lectern.database;
  const { db } = database;
  console.log(
    `\nCone search on ${engine}: ${options.images} synthetic images, ${options.cones} cones of ${RADIUS}° (70 % uniform, 30 % in the clusters), limit ${LIMIT}, sort distance`,
  );
  const t0 = performance.now();
  await insertSyntheticImages(db, syntheticSky(options.images), bench.uploaderId);
  console.log(
    `  inserted ${options.images} images (+ QA rows) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const probe = { ra: 123.4, dec: 21.7 };
  const centres = coneCentres(options.cones);
  const cone = (c: SkyPoint) => ({ cone: { ra: c.ra, dec: c.dec, radius: RADIUS } });
  const repoCone = async (c: SkyPoint) =>
    (await listImages(db, cone(c), 'distance', LIMIT, null)).length;
  // Warm-up at other centres: JIT, the engine's caches, the first statements' planning.
  const warmUp = async () => {
    for (const c of coneCentres(30, 99)) await repoCone(c);
  };

  // As inserted: no ANALYZE yet (PGlite never runs autovacuum; PostgreSQL's may not have yet).
  const fresh = await explainCone(bench, probe);
  printPlan(`EXPLAIN (ANALYZE) of one cone at (${probe.ra}, ${probe.dec}), before ANALYZE`, fresh);
  await warmUp();
  const repoFresh = await timeCones(centres, repoCone);
  report('repository, before ANALYZE:', repoFresh, 'rows per cone');

  for (const table of ['archive_images', 'archive_qa', 'stored_files'])
    await database.query(`ANALYZE ${table}`);
  console.log('  ran ANALYZE archive_images, archive_qa, stored_files');
  const plan = await explainCone(bench, probe);
  printPlan(`EXPLAIN (ANALYZE) of the same cone after ANALYZE`, plan);
  const pole = await explainCone(bench, { ra: 10, dec: 89.5 });
  console.log(
    `  (a cone at the north pole: uses the index ${pole.usesIndex ? 'yes' : 'NO'}, ${pole.lines.at(-1)?.trim()})`,
  );
  await warmUp();
  const repo = await timeCones(centres, repoCone);

  let failures = 0;
  let resets = 0;
  const http = async (c: SkyPoint) => {
    const url = `${bench.origin}/api/v1/archive/images?ra=${c.ra}&dec=${c.dec}&radius=${RADIUS}&limit=${LIMIT}&sort=distance`;
    // A kept-alive socket the server closed while idle fails once; the retry opens a new one.
    const res = await fetch(url, { headers: bench.auth }).catch(() => {
      resets++;
      return fetch(url, { headers: bench.auth });
    });
    const body = (await res.json()) as { data?: unknown[] };
    if (res.status !== 200) failures++;
    return body.data?.length ?? 0;
  };
  for (const c of coneCentres(30, 98)) await http(c);
  const uncached = await timeCones(centres, http);
  const cached = await timeCones(centres, http);
  report('repository, after ANALYZE:', repo, 'rows per cone (≤ 101)');
  report('HTTP, uncached:', uncached, 'images per page');
  report('HTTP, the same cones again (cache):', cached, 'images per page');
  if (failures > 0) console.log(`  ${failures} HTTP cone requests did not answer 200`);
  if (resets > 0) console.log(`  ${resets} HTTP requests retried after a connection reset`);
  const target = `p99 < ${CONE_TARGET_MS} ms`;
  const row = (figure: string, t: ConeTimes, ok = true): FigureRow => ({
    figure: `cone ${engine}: ${figure}`,
    value: describe(t.all),
    target,
    met: ok && t.all.p99 < CONE_TARGET_MS,
  });
  const usage = (p: { usesIndex: boolean }) => (p.usesIndex ? 'yes' : 'no');
  return [
    {
      figure: `cone ${engine}: EXPLAIN uses archive_images_sky_cell`,
      value: `${usage(fresh)} before ANALYZE${fresh.parallel ? ' (parallel plan)' : ''}, ${usage(plan)} after${plan.parallel ? ' (parallel plan)' : ''}`,
      target: 'yes',
      met: fresh.usesIndex && plan.usesIndex,
    },
    row('repository, before ANALYZE', repoFresh),
    row('repository listImages', repo),
    row('HTTP uncached', uncached, failures === 0),
    row('HTTP cached page', cached),
  ];
}
