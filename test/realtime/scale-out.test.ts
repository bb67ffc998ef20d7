import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, migrateUp, newId, openDatabase } from '#platform/db/index.js';
import { publishJobProgress, type ServerMessage } from '#platform/realtime/index.js';
import {
  commitEvents,
  type RealtimeServer,
  startRealtimeServer,
  tokenFor,
  userCreated,
} from './realtime-harness.js';
import { ofType, openSocket, type TestSocket } from './ws-client.js';

const services = process.env.LECTERN_TEST_SERVICES === '1' && !!process.env.DATABASE_URL;
const isEvent = (m: ServerMessage) => m.type === 'event';

/** A migrated database on the test server, with its URL so that two "processes" can open it. */
async function createScratchDatabase(baseUrl: string) {
  const name = `lectern_rt_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const migrator = await openDatabase({ url: url.toString(), poolMax: 2 });
  await migrateUp(migrator.db);
  await migrator.close();
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: baseUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

// Two app instances over one PostgreSQL stand for two processes: A serves the socket and does not
// dispatch the outbox, B commits and dispatches, so every event A delivers crossed the bus.
describe.runIf(services).each([
  { bus: 'redis', redisUrl: process.env.REDIS_URL },
  { bus: 'postgres', redisUrl: undefined },
])('realtime across processes over $bus', ({ bus, redisUrl }) => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let dbA: DatabaseHandle;
  let dbB: DatabaseHandle;
  let a: RealtimeServer;
  let b: RealtimeServer;
  let socket: TestSocket;
  const admin = newId();

  beforeAll(async () => {
    if (bus === 'redis' && !redisUrl) throw new Error('REDIS_URL is required under services');
    scratch = await createScratchDatabase(process.env.DATABASE_URL!);
    dbA = await openDatabase({ url: scratch.url, poolMax: 3 });
    dbB = await openDatabase({ url: scratch.url, poolMax: 3 });
    a = await startRealtimeServer({ database: dbA, redisUrl, dispatch: false });
    b = await startRealtimeServer({ database: dbB, redisUrl, dispatch: true });
    expect(a.realtime.busKind).toBe(bus);
    socket = await openSocket(`${a.wsUrl}?token=${await tokenFor(admin, ['admin'])}`);
    await socket.next(ofType('authenticated'));
  });
  afterAll(async () => {
    await socket?.close();
    await a?.close();
    await b?.close();
    await dbA?.close();
    await dbB?.close();
    await scratch?.drop();
  });

  it('should deliver on A an event committed and dispatched on B', async () => {
    socket.send({ type: 'subscribe', topic: 'events:*' });
    await socket.next(ofType('subscribed'));
    const [event] = await commitEvents(dbB, userCreated());
    expect(await socket.next(isEvent, 10_000)).toMatchObject({ id: event!.id, event });
  });

  it('should deliver on A a large event committed on B whole', async () => {
    const blob = randomBytes(10_000).toString('base64');
    const [event] = await commitEvents(dbB, userCreated(newId(), { blob }));
    const frame = await socket.next((m) => isEvent(m) && 'id' in m && m.id === event!.id, 10_000);
    expect(frame).toMatchObject({ event: { data: { blob } } });
  });

  it('should deliver on A job progress published on B', async () => {
    const jobId = newId();
    socket.send({ type: 'subscribe', topic: `jobs:${jobId}` });
    await socket.next(ofType('subscribed'));
    await publishJobProgress(b.realtime, {
      jobId,
      queue: 'q',
      ownerId: admin,
      progress: 70,
      message: null,
    });
    expect(await socket.next(isEvent, 10_000)).toMatchObject({
      topic: `jobs:${jobId}`,
      event: { type: 'job.progress', data: { progress: 70 } },
    });
  });

  it('should let a client that reconnects to B resume what it missed', async () => {
    const [seen] = await commitEvents(dbB, userCreated());
    await socket.next((m) => isEvent(m) && 'id' in m && m.id === seen!.id, 10_000);
    const missed = await commitEvents(dbB, userCreated());
    await socket.next((m) => isEvent(m) && 'id' in m && m.id === missed[0]!.id, 10_000);

    const onB = await openSocket(`${b.wsUrl}?token=${await tokenFor(admin, ['admin'])}`);
    await onB.next(ofType('authenticated'));
    onB.send({ type: 'subscribe', topic: 'events:*' });
    await onB.next(ofType('subscribed'));
    onB.send({ type: 'resume', lastEventId: seen!.id });
    expect(await onB.next(ofType('resumed'))).toMatchObject({ replayed: 1, complete: true });
    expect(onB.received.filter(isEvent)).toMatchObject([{ id: missed[0]!.id }]);
    await onB.close();
  });
});
