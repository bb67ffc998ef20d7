// `npm run bench -- ws [--clients 1000] [--events 200] [--warmup 20]`
//
// Latency from an event's commit to its delivery on 1 000 WebSocket subscribers. The app runs
// in this thread on a loopback port with embedded PGlite (a fresh data directory); the clients
// run in a worker thread, so their parsing does not delay the server. Each event is committed
// through `appendEvent` in a unit of work, travels outbox → dispatcher → realtime bus
// (LISTEN/NOTIFY) → hub → sockets, and is timed from the moment the commit returned to the
// moment each client's `message` handler ran (wall clock shared by both threads).

import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { startBenchApp } from './support/bench-app.js';

interface ClientsSetup {
  wsModule: string;
  url: string;
  token: string;
  topic: string;
  clients: number;
}

type FromWorker =
  | { type: 'ready' }
  | { type: 'delivered'; eventId: string; at: number[] }
  | { type: 'error'; message: string };

const now = () => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      clients: { type: 'string', default: '1000' },
      events: { type: 'string', default: '200' },
      warmup: { type: 'string', default: '20' },
    },
  });
  const clients = Number(values.clients);
  const events = Number(values.events);
  const warmup = Number(values.warmup);

  const { inTransaction } = await import('#platform/db/index.js');
  const { appendUncheckedEvent } = await import('#platform/events/outbox.js');

  // The bench's own clients open many sockets and sign in from one address.
  const bench = await startBenchApp('ws', { WS_HEARTBEAT_MS: '600000' });
  const { app } = bench;
  const port = Number(new URL(bench.origin).port);
  const userId = bench.user.id;
  const topic = `users:${userId}`;

  const worker = new Worker(CLIENTS_WORKER, {
    eval: true,
    workerData: {
      wsModule: createRequire(import.meta.url).resolve('ws'),
      url: `ws://127.0.0.1:${port}/ws`,
      token: bench.user.accessToken,
      topic,
      clients,
    } satisfies ClientsSetup,
  });
  const waiting = new Map<string, (at: number[]) => void>();
  let ready: () => void = () => {};
  const readyPromise = new Promise<void>((resolve) => {
    ready = resolve;
  });
  worker.on('message', (m: FromWorker) => {
    if (m.type === 'ready') ready();
    else if (m.type === 'delivered') waiting.get(m.eventId)?.(m.at);
    else throw new Error(`clients failed: ${m.message}`);
  });
  worker.on('error', (err) => {
    console.error(err);
    process.exit(1);
  });

  const connectStart = now();
  await readyPromise;
  console.log(
    `${clients} clients connected and subscribed in ${(now() - connectStart).toFixed(0)} ms`,
  );

  // Where the time goes on the server: commit → the hub has the event, and the hub's writes to
  // every socket. The rest of a delivery's latency is the kernel and the clients' thread.
  const hub = app.lectern.realtime.hub;
  const deliver = hub.deliver.bind(hub);
  let reachedHubAt = 0;
  let fannedOutAt = 0;
  hub.deliver = (message) => {
    reachedHubAt = now();
    deliver(message);
    fannedOutAt = now();
  };
  const toHub: number[] = [];
  const fanOut: number[] = [];
  const perDelivery: number[] = [];
  const perEvent: number[] = [];
  for (let i = 0; i < warmup + events; i++) {
    let committedAt = 0;
    const event = await inTransaction(app.lectern.database.db, async ({ tx }) =>
      appendUncheckedEvent(tx, {
        type: 'user.updated',
        subjectType: 'user',
        subjectId: userId,
        actorId: userId,
        data: { sequence: i, note: 'benchmark' },
      }),
    );
    committedAt = now();
    const at = await new Promise<number[]>((resolve) => waiting.set(event.id, resolve));
    waiting.delete(event.id);
    if (i < warmup) continue;
    toHub.push(reachedHubAt - committedAt);
    fanOut.push(fannedOutAt - reachedHubAt);
    const latencies = at.map((t) => t - committedAt);
    perDelivery.push(...latencies);
    perEvent.push(Math.max(...latencies));
  }

  const ms = (v: number) => `${v.toFixed(2)} ms`;
  console.log(
    `\ncommit → delivery, ${events} events × ${clients} subscribers (PGlite, LISTEN/NOTIFY bus, ${process.version})`,
  );
  console.log(
    `  per delivery: p50 ${ms(pct(perDelivery, 50))}  p99 ${ms(pct(perDelivery, 99))}  max ${ms(pct(perDelivery, 100))}`,
  );
  console.log(
    `  last of ${clients}: p50 ${ms(pct(perEvent, 50))}  p99 ${ms(pct(perEvent, 99))}  max ${ms(pct(perEvent, 100))}`,
  );
  console.log(
    `  server, commit → hub: p50 ${ms(pct(toHub, 50))}  p99 ${ms(pct(toHub, 99))}; hub → ${clients} socket writes: p50 ${ms(pct(fanOut, 50))}  p99 ${ms(pct(fanOut, 99))}`,
  );
  console.log(`  frames sent: ${app.lectern.realtime.stats.messagesSent}`);

  await worker.terminate();
  await bench.close();
}

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

/**
 * The clients' worker, plain JavaScript: on Node 20 a worker does not inherit tsx's loader from
 * `--import tsx`, so it cannot run this .ts file. It opens the sockets, subscribes, and reports
 * when every socket has got an event, with each arrival time.
 */
const CLIENTS_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const WebSocket = require(workerData.wsModule);
const { url, token, topic, clients } = workerData;
const now = () => performance.timeOrigin + performance.now();
const arrivals = new Map();
const open = () => new Promise((resolve, reject) => {
  const ws = new WebSocket(url + '?token=' + token);
  ws.on('error', reject);
  ws.on('message', (data) => {
    const at = now();
    const frame = JSON.parse(data.toString());
    if (frame.type === 'authenticated') ws.send(JSON.stringify({ type: 'subscribe', topic }));
    else if (frame.type === 'subscribed') resolve();
    else if (frame.type === 'event') {
      const list = arrivals.get(frame.id) ?? [];
      list.push(at);
      arrivals.set(frame.id, list);
      if (list.length === clients) {
        arrivals.delete(frame.id);
        parentPort.postMessage({ type: 'delivered', eventId: frame.id, at: list });
      }
    } else if (frame.type === 'error') reject(new Error(data.toString()));
  });
});
(async () => {
  // In batches, so the listen backlog never overflows.
  for (let i = 0; i < clients; i += 100)
    await Promise.all(Array.from({ length: Math.min(100, clients - i) }, open));
  parentPort.postMessage({ type: 'ready' });
})().catch((err) => parentPort.postMessage({ type: 'error', message: String(err) }));
`;

await main();
