// `npm run bench -- profile [--target health|me|course] [--duration 5] [--connections 32] [--top 30]`
//
// Where a request's CPU goes: the same Lectern as `bench -- http` (PGlite, or DATABASE_URL and
// REDIS_URL), loaded by autocannon from a worker thread while the inspector samples this thread.
// Prints the functions and packages with the most self time and writes the `.cpuprofile` (open
// it in Chrome DevTools or speedscope for a flame graph). `(idle)` and `writev` are the kernel
// and the socket, not our code.

import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startBenchApp } from './support/bench-app.js';
import { insertCourses } from './support/course-seed.js';
import { profileWhile, selfTimeTable } from './support/cpu-profile.js';

const { values } = parseArgs({
  options: {
    target: { type: 'string', default: 'health' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
    top: { type: 'string', default: '30' },
  },
});

const bench = await startBenchApp('profile');
try {
  const [courseId] = await insertCourses(bench.app.lectern.database.db, bench.user.id, 1);
  const targets: Record<string, { path: string; headers: Record<string, string> }> = {
    health: { path: '/health', headers: {} },
    me: {
      path: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${bench.user.accessToken}` },
    },
    course: { path: `/api/v1/courses/${courseId}`, headers: {} },
  };
  const target = targets[values.target];
  if (!target) throw new Error(`--target must be one of ${Object.keys(targets).join(', ')}`);
  const load = {
    url: `${bench.origin}${target.path}`,
    headers: target.headers,
    connections: Number(values.connections),
    workers: 1,
  };
  await autocannon({ ...load, duration: 2 });
  const { result, profile } = await profileWhile(() =>
    autocannon({ ...load, duration: Number(values.duration) }),
  );
  const file = join(tmpdir(), `lectern-${values.target}-${Date.now()}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  console.log(`database: ${bench.backend}`);
  console.log(
    `GET ${target.path}: ${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`,
  );
  const { functions, places } = selfTimeTable(profile, Number(values.top));
  console.log(`\nself time by function\n${functions.join('\n')}`);
  console.log(`\nself time by package or file\n${places.join('\n')}`);
  console.log(`\nprofile: ${file}`);
} finally {
  await bench.close();
}
