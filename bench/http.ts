// `npm run bench -- http [--duration 10] [--connections 32] [--workers 1]`
//
// HTTP overhead of Lectern's platform (helmet, CORS, request ids, access log, authentication,
// rate limits, load shedding, metrics, envelopes) against a bare Fastify hello-world. Both run
// in this thread on loopback ports; Lectern uses embedded PGlite in a fresh data directory, or
// PostgreSQL (and Redis) when DATABASE_URL (and REDIS_URL) are set.
// autocannon fires from worker threads so that its own work does not share the servers' loop.
// Targets: `GET /health` (the full hook chain, no database), `GET /api/v1/auth/me` (Bearer
// token: JWT check + session validity + DTO), `GET /api/v1/courses/:id` of a published course
// (anonymous, served from the warm cache), and the baseline `GET /`. Each row prints its share of
// the baseline's req/s (measured just before it, in the same run) and whether it meets its goal
// (issue 9); the baseline row is the mean of those runs (p99: the worst). On Linux it also prints
// the server thread's CPU time per request and the share that implies (baseline CPU/request over
// the target's): what req/s would show with a core to itself, and far steadier on a busy machine.

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
import { type Goal, printResultsTable, type ResultRow } from './support/results-table.js';

const goal = (minShare: number): Goal => ({ minShare, maxP99Ms: 10 });

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '32' },
      workers: { type: 'string', default: '1' },
    },
  });
  const load: Load = {
    duration: Number(values.duration),
    connections: Number(values.connections),
    workers: Number(values.workers),
  };

  const bench = await startBenchApp('http');
  console.log(`database: ${bench.backend}`);
  const lectern = bench.origin;
  const baseline = await startBaselineServer();

  try {
    const bearer = { authorization: `Bearer ${bench.user.accessToken}` };
    const [courseId] = await insertCourses(bench.app.lectern.database.db, bench.user.id, 1);
    const coursePath = `/api/v1/courses/${courseId}`;
    await expectOk(`${lectern}/api/v1/auth/me`, bearer);
    // The first read fills the cache; every measured one is served from it.
    await expectOk(`${lectern}${coursePath}`, {});

    console.log(describeLoad(load));
    // The baseline is measured again before each target and the target compared with that run:
    // on a shared machine the load changes from one minute to the next, and so would the ratios.
    const baselineRuns: TargetResult[] = [];
    const rows: ResultRow[] = [];
    const measure = async (
      label: string,
      url: string,
      headers: Record<string, string>,
      goal: Goal,
    ) => {
      const base = await measureTarget('baseline', { url: baseline.origin, headers: {} }, load);
      baselineRuns.push(base);
      const result = await measureTarget(label, { url, headers }, load);
      rows.push({ ...result, goal, baseline: base });
    };
    await measure('lectern              GET /health', `${lectern}/health`, {}, goal(0.5));
    await measure(
      'lectern              GET /api/v1/auth/me',
      `${lectern}/api/v1/auth/me`,
      bearer,
      goal(0.25),
    );
    await measure(
      'lectern              GET /api/v1/courses/:id (cached)',
      `${lectern}${coursePath}`,
      {},
      goal(0.4),
    );
    rows.unshift(meanOf('fastify hello-world  GET / (mean of runs)', baselineRuns));
    printResultsTable(rows);
  } finally {
    await bench.close();
    await baseline.close();
  }
}

function meanOf(label: string, runs: TargetResult[]): TargetResult {
  const mean = (pick: (r: TargetResult) => number) =>
    runs.reduce((sum, r) => sum + pick(r), 0) / runs.length;
  return {
    target: label,
    rps: mean((r) => r.rps),
    p50: mean((r) => r.p50),
    p99: Math.max(...runs.map((r) => r.p99)),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    cpuUsPerRequest: runs.every((r) => r.cpuUsPerRequest !== null)
      ? mean((r) => r.cpuUsPerRequest!)
      : null,
  };
}

async function expectOk(url: string, headers: Record<string, string>): Promise<void> {
  const res = await fetch(url, { headers });
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status} ${await res.text()}`);
}

await main();
