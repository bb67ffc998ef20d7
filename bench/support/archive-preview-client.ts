// Child process of `bench/archive.ts`: the preview requests, so the client's own work stays out
// of the server's event loop. Argument: JSON {origin, auth, requests: [{name, path}]}. For each
// request it prints {"event":"start"} and waits for "go" on stdin (the parent starts sampling
// its loop), then fetches and prints {"event":"done", name, ms, status, bytes}.
import { createInterface } from 'node:readline';

interface Plan {
  origin: string;
  auth: Record<string, string>;
  requests: { name: string; path: string }[];
}

const plan = JSON.parse(process.argv[2] ?? '{}') as Plan;
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const say = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);

for (const { name, path } of plan.requests) {
  say({ event: 'start', name });
  await lines.next();
  const t0 = performance.now();
  const res = await fetch(`${plan.origin}${path}`, { headers: plan.auth });
  const bytes = (await res.arrayBuffer()).byteLength;
  say({ event: 'done', name, ms: performance.now() - t0, status: res.status, bytes });
}
process.exit(0);
