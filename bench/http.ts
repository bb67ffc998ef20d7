// `npm run bench -- http [--duration 10] [--connections 32] [--workers 1]`
//
// HTTP overhead of Lectern's platform (helmet, CORS, request ids, access log, authentication,
// rate limits, load shedding, metrics, envelopes) against a bare Fastify hello-world. Both run
// in this thread on loopback ports; Lectern uses embedded PGlite in a fresh data directory.
// autocannon fires from worker threads so that its own work does not share the servers' loop.
// Targets: `GET /api/v1/auth/me` (Bearer token: JWT check + session lookup + DTO), `GET /health`
// (the full hook chain, no database), and the baseline `GET /`.

import { parseArgs } from 'node:util';
import {
  describeLoad,
  type Load,
  measureTarget,
  type TargetResult,
} from './support/autocannon-target.js';
import { startBaselineServer } from './support/baseline-server.js';
import { startBenchApp } from './support/bench-app.js';
import { printResultsTable } from './support/results-table.js';

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

    console.log(describeLoad(load));
    const rows: TargetResult[] = [];
    rows.push(
      await measureTarget(
        'fastify hello-world  GET /',
        { url: baseline.origin, headers: {} },
        load,
      ),
    );
    rows.push(
      await measureTarget(
        'lectern              GET /health',
        { url: `${lectern}/health`, headers: {} },
        load,
      ),
    );
    rows.push(
      await measureTarget(
        'lectern              GET /api/v1/auth/me',
        { url: `${lectern}/api/v1/auth/me`, headers: bearer },
        load,
      ),
    );
    printResultsTable(rows);
  } finally {
    await bench.close();
    await baseline.close();
  }
}

await main();
