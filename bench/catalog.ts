// `npm run bench -- catalog [--duration 10] [--connections 64] [--courses 10000] [--ids 1000] [--q statistics] [--workers 1]`
//
// The catalog's hot reads against a bare Fastify hello-world. N published courses (default
// 10 000), generated from word lists, are written straight into the tables in batches (each
// with tags, an owner, a section and 2-4 lessons); then autocannon, from worker threads, measures
// anonymous `GET /api/v1/courses/:id` rotating over `--ids` course ids spread evenly over the
// catalog (each connection cycles through the same list, so after its first round every detail
// is served from the cache), and `GET /api/v1/courses?q=<word>`, one full-text search whose
// first page is cached. Lectern runs in this thread on embedded PGlite (or on DATABASE_URL).

import { parseArgs } from 'node:util';
import {
  describeLoad,
  type Load,
  measureTarget,
  type TargetResult,
} from './support/autocannon-target.js';
import { startBaselineServer } from './support/baseline-server.js';
import { startBenchApp } from './support/bench-app.js';
import { insertCourses } from './support/course-seed.js';
import { printResultsTable } from './support/results-table.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '64' },
      workers: { type: 'string', default: '1' },
      courses: { type: 'string', default: '10000' },
      ids: { type: 'string', default: '1000' },
      q: { type: 'string', default: 'statistics' },
    },
  });
  const load: Load = {
    duration: Number(values.duration),
    connections: Number(values.connections),
    workers: Number(values.workers),
  };
  const total = Number(values.courses);
  const q = values.q;

  const bench = await startBenchApp('catalog');
  console.log(`database: ${bench.backend}`);
  const lectern = bench.origin;
  const baseline = await startBaselineServer();

  try {
    const started = performance.now();
    const ids = await insertCourses(bench.app.lectern.database.db, bench.user.id, total);
    console.log(
      `inserted ${total} published courses (tags, owner, a section, 2-4 lessons each) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const sample = spreadSample(ids, Number(values.ids));
    const detailPaths = sample.map((id) => `/api/v1/courses/${id}`);
    const searchPath = `/api/v1/courses?q=${encodeURIComponent(q)}`;
    const firstPage = await expectRoutes(lectern, detailPaths[0]!, searchPath);
    const [found] = await bench.app.lectern.database.query<{ n: number }>(
      `select count(*)::int as n from courses where search_vector @@ websearch_to_tsquery('english', $1)`,
      [q],
    );
    console.log(`search "${q}": ${found!.n} matching courses, ${firstPage} on the first page`);

    console.log(describeLoad(load));
    const rows: TargetResult[] = [];
    rows.push(
      await measureTarget('fastify hello-world  GET /', gets(baseline.origin, ['/']), load),
    );
    rows.push(
      await measureTarget(
        `lectern              GET /api/v1/courses/:id (${sample.length} ids)`,
        gets(lectern, detailPaths),
        load,
      ),
    );
    rows.push(
      await measureTarget(
        `lectern              GET ${searchPath}`,
        gets(lectern, [searchPath]),
        load,
      ),
    );
    printResultsTable(rows);
  } finally {
    await bench.close();
    await baseline.close();
  }
}

/** `count` ids spread evenly over the list (all of them when it is shorter). */
function spreadSample(ids: string[], count: number): string[] {
  if (count >= ids.length) return ids;
  return Array.from({ length: count }, (_, i) => ids[Math.floor((i * ids.length) / count)]!);
}

/** Both routes must answer 200 with the API envelope before anything is measured. */
async function expectRoutes(origin: string, detailPath: string, searchPath: string) {
  const detail = await fetch(`${origin}${detailPath}`);
  const detailBody = (await detail.json().catch(() => null)) as { ok?: boolean } | null;
  if (detail.status !== 200 || detailBody?.ok !== true)
    stop(`GET ${detailPath} answered ${detail.status} ${JSON.stringify(detailBody)}`);
  const list = await fetch(`${origin}${searchPath}`);
  const listBody = (await list.json().catch(() => null)) as {
    ok?: boolean;
    data?: unknown[];
    meta?: unknown;
  } | null;
  if (
    list.status !== 200 ||
    listBody?.ok !== true ||
    !Array.isArray(listBody.data) ||
    !listBody.meta
  )
    stop(`GET ${searchPath} answered ${list.status} ${JSON.stringify(listBody)?.slice(0, 300)}`);
  if (listBody!.data!.length === 0) stop(`GET ${searchPath} found no course: try another --q`);
  return listBody!.data!.length;
}

function stop(message: string): never {
  throw new Error(
    `the catalog routes are not ready to be measured (${message}); the benchmark needs GET /api/v1/courses/:idOrSlug and GET /api/v1/courses?q=… answering {ok, data, meta}`,
  );
}

/** GET requests to `paths` of `url`, rotated through by each connection. */
function gets(url: string, paths: string[]) {
  return { url, requests: paths.map((path) => ({ method: 'GET' as const, path })) };
}

await main();
