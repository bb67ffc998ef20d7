// `npm run bench -- http [--duration 10] [--connections 32] [--workers 1]`
//
// HTTP overhead of Lectern's platform (helmet, CORS, request ids, access log, authentication,
// rate limits, load shedding, metrics, envelopes) against a bare Fastify hello-world. Both run
// in this thread on loopback ports; Lectern uses embedded PGlite in a fresh data directory.
// autocannon fires from worker threads so that its own work does not share the servers' loop.
// Targets: `GET /api/v1/auth/me` (Bearer token: JWT check + session lookup + DTO), `GET /health`
// (the full hook chain, no database), and the baseline `GET /`.

import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { startBenchApp } from './support/bench-app.js';

interface Row {
  target: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '32' },
      workers: { type: 'string', default: '1' },
    },
  });
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const workers = Number(values.workers);

  const bench = await startBenchApp('http');
  console.log(`database: ${bench.backend}`);
  const lectern = bench.origin;

  const baseline = Fastify({ logger: false });
  baseline.get('/', async () => ({ hello: 'world' }));
  await baseline.listen({ host: '127.0.0.1', port: 0 });
  const bare = `http://127.0.0.1:${(baseline.server.address() as { port: number }).port}`;

  try {
    const bearer = { authorization: `Bearer ${bench.user.accessToken}` };

    console.log(
      `autocannon: ${duration} s, ${connections} connections, ${workers} worker thread(s) per target\n`,
    );
    const rows: Row[] = [];
    rows.push(
      await run('fastify hello-world  GET /', bare, {}, { duration, connections, workers }),
    );
    rows.push(
      await run(
        'lectern              GET /health',
        `${lectern}/health`,
        {},
        {
          duration,
          connections,
          workers,
        },
      ),
    );
    rows.push(
      await run('lectern              GET /api/v1/auth/me', `${lectern}/api/v1/auth/me`, bearer, {
        duration,
        connections,
        workers,
      }),
    );
    print(rows);
  } finally {
    await bench.close();
    await baseline.close();
  }
}

async function run(
  target: string,
  url: string,
  headers: Record<string, string>,
  options: { duration: number; connections: number; workers: number },
): Promise<Row> {
  // A short warm-up so JIT and caches are not part of the figures.
  await autocannon({ url, headers, duration: 2, connections: options.connections });
  const result = await autocannon({
    url,
    headers,
    duration: options.duration,
    connections: options.connections,
    ...(options.workers > 0 ? { workers: options.workers } : {}),
  });
  return {
    target,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

function print(rows: Row[]): void {
  const base = rows[0]!.rps;
  const header = ['target', 'req/s', 'p50 ms', 'p99 ms', 'vs baseline', 'non-2xx', 'errors'];
  const lines = rows.map((r) => [
    r.target,
    r.rps.toFixed(0),
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    `${((r.rps / base) * 100).toFixed(1)} %`,
    String(r.non2xx),
    String(r.errors),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) console.log(format(line));
}

await main();
