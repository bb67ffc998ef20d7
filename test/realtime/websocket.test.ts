import { randomBytes } from 'node:crypto';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '#platform/db/index.js';
import { newId } from '#platform/db/index.js';
import {
  publishJobProgress,
  registerRealtimeMetrics,
  type ServerMessage,
} from '#platform/realtime/index.js';
import {
  commitEvents,
  openDatabaseForTest,
  type RealtimeServer,
  startRealtimeServer,
  tokenFor,
  userCreated,
} from './realtime-harness.js';
import { ofType, openSocket, type TestSocket } from './ws-client.js';

const ADMIN = newId();
const LEARNER = newId();

type EventFrame = Extract<ServerMessage, { type: 'event' }>;
const isEvent = (m: ServerMessage): m is EventFrame => m.type === 'event';

describe('GET /ws', () => {
  let database: DatabaseHandle;
  let server: RealtimeServer;
  let adminToken: string;
  let learnerToken: string;
  const sockets: TestSocket[] = [];

  /** An authenticated socket (token in the query string). */
  async function connect(token: string): Promise<TestSocket> {
    const socket = await openSocket(`${server.wsUrl}?token=${encodeURIComponent(token)}`);
    sockets.push(socket);
    await socket.next(ofType('authenticated'));
    return socket;
  }

  async function subscribe(socket: TestSocket, topic: string): Promise<void> {
    socket.send({ type: 'subscribe', topic });
    await socket.next(ofType('subscribed', (m) => 'topic' in m && m.topic === topic));
  }

  beforeAll(async () => {
    database = await openDatabaseForTest();
    server = await startRealtimeServer({
      database,
      env: { WS_AUTH_TIMEOUT_MS: '300', WS_HEARTBEAT_MS: '60000' },
      redisUrl: process.env.LECTERN_TEST_SERVICES === '1' ? process.env.REDIS_URL : undefined,
    });
    adminToken = await tokenFor(ADMIN, ['admin']);
    learnerToken = await tokenFor(LEARNER, ['learner']);
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close()));
    await server.close();
    await database.close();
  });

  describe('authentication', () => {
    it('should accept an access token in the query string', async () => {
      const socket = await openSocket(`${server.wsUrl}?token=${adminToken}`);
      sockets.push(socket);
      expect(await socket.next()).toEqual({ type: 'authenticated', userId: ADMIN });
    });

    it('should accept an access token in a first auth message', async () => {
      const socket = await openSocket(server.wsUrl);
      sockets.push(socket);
      socket.send({ type: 'auth', token: learnerToken });
      expect(await socket.next()).toEqual({ type: 'authenticated', userId: LEARNER });
    });

    it('should close a socket that never authenticates with 4401 after the timeout', async () => {
      const socket = await openSocket(server.wsUrl);
      const { code, afterMs } = await socket.closed;
      expect(code).toBe(4401);
      expect(afterMs).toBeGreaterThanOrEqual(250);
      expect(afterMs).toBeLessThan(5000);
    });

    it('should close with 4401 at once on an invalid token', async () => {
      const byQuery = await openSocket(`${server.wsUrl}?token=not-a-token`);
      expect((await byQuery.closed).code).toBe(4401);
      const forged = await tokenFor(ADMIN, ['admin']);
      const byMessage = await openSocket(server.wsUrl);
      byMessage.send({ type: 'auth', token: `${forged.slice(0, -4)}AAAA` });
      const closed = await byMessage.closed;
      expect(closed.code).toBe(4401);
      expect(closed.afterMs).toBeLessThan(250);
    });

    it('should close with 4401 when the first message is not auth', async () => {
      const socket = await openSocket(server.wsUrl);
      socket.send({ type: 'subscribe', topic: 'events:*' });
      expect((await socket.closed).code).toBe(4401);
    });

    it('should take a renewed token and drop the topics it no longer allows', async () => {
      const socket = await connect(adminToken);
      await subscribe(socket, 'users');
      await subscribe(socket, `users:${ADMIN}`);
      socket.send({ type: 'auth', token: await tokenFor(ADMIN, ['learner']) });
      expect(await socket.next()).toEqual({ type: 'authenticated', userId: ADMIN });
      expect(await socket.next()).toEqual({
        type: 'unsubscribed',
        topic: 'users',
        reason: 'forbidden',
      });
      socket.send({ type: 'auth', token: learnerToken });
      expect(await socket.next()).toMatchObject({ type: 'error', code: 'ALREADY_AUTHENTICATED' });
      socket.send({ type: 'ping' });
      expect(await socket.next()).toEqual({ type: 'pong' });
    });

    it('should close with 4401 when the access token expires', async () => {
      const shortLived = await tokenFor(ADMIN, ['admin'], 2);
      const socket = await openSocket(`${server.wsUrl}?token=${shortLived}`);
      await socket.next(ofType('authenticated'));
      const closed = await socket.closed;
      expect(closed).toMatchObject({ code: 4401, reason: 'token expired' });
    });
  });

  describe('subscriptions', () => {
    it('should confirm subscribe and unsubscribe', async () => {
      const socket = await connect(adminToken);
      socket.send({ type: 'subscribe', topic: 'users' });
      expect(await socket.next()).toEqual({ type: 'subscribed', topic: 'users' });
      socket.send({ type: 'unsubscribe', topic: 'users' });
      expect(await socket.next()).toEqual({ type: 'unsubscribed', topic: 'users' });
    });

    it('should answer an unauthorized topic with an error frame and keep the socket', async () => {
      const socket = await connect(learnerToken);
      socket.send({ type: 'subscribe', topic: 'events:*' });
      expect(await socket.next()).toMatchObject({
        type: 'error',
        code: 'FORBIDDEN',
        topic: 'events:*',
      });
      socket.send({ type: 'subscribe', topic: `users:${ADMIN}` });
      expect(await socket.next()).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
      socket.send({ type: 'subscribe', topic: 'no-such-topic' });
      expect(await socket.next()).toMatchObject({ type: 'error', code: 'TOPIC_NOT_FOUND' });
      await subscribe(socket, `users:${LEARNER}`);
    });

    it('should answer a malformed message with BAD_MESSAGE and a ping with pong', async () => {
      const socket = await connect(adminToken);
      socket.ws.send('{not json');
      expect(await socket.next()).toMatchObject({ type: 'error', code: 'BAD_MESSAGE' });
      socket.send({ type: 'subscribe' });
      expect(await socket.next()).toMatchObject({ type: 'error', code: 'BAD_MESSAGE' });
      socket.send({ type: 'ping' });
      expect(await socket.next()).toEqual({ type: 'pong' });
    });
  });

  describe('events', () => {
    it('should deliver a committed outbox event once to each subscribed socket', async () => {
      const admin = await connect(adminToken);
      await subscribe(admin, 'events:*');
      await subscribe(admin, 'users');
      const learner = await connect(learnerToken);
      await subscribe(learner, `users:${LEARNER}`);
      const [event] = await commitEvents(database, userCreated(LEARNER));

      const atAdmin = await admin.next(isEvent);
      expect(atAdmin).toEqual({ type: 'event', topic: 'users', id: event!.id, event });
      const atLearner = await learner.next(isEvent);
      expect(atLearner).toMatchObject({ topic: `users:${LEARNER}`, id: event!.id });
      await new Promise((r) => setTimeout(r, 200));
      expect(admin.received.filter((m) => isEvent(m) && m.id === event!.id)).toHaveLength(1);
    });

    it('should not deliver events after unsubscribe', async () => {
      const socket = await connect(adminToken);
      await subscribe(socket, 'users');
      socket.send({ type: 'unsubscribe', topic: 'users' });
      await socket.next(ofType('unsubscribed'));
      const watcher = await connect(adminToken);
      await subscribe(watcher, 'users');
      const [event] = await commitEvents(database, userCreated());
      await watcher.next((m) => isEvent(m) && m.id === event!.id);
      expect(socket.received.filter(isEvent)).toEqual([]);
    });

    it('should deliver an event too large for a NOTIFY payload whole', async () => {
      // As the catalog module will: declare its topics and who may follow them.
      server.realtime.topics.register('courses', (p) => p.permissions.has('courses:read'));
      const socket = await connect(adminToken);
      await subscribe(socket, 'courses');
      const bio = randomBytes(12_000).toString('hex');
      const [event] = await commitEvents(database, {
        type: 'course.created',
        subjectType: 'course',
        subjectId: newId(),
        actorId: ADMIN,
        data: { bio },
      });
      const frame = (await socket.next(isEvent)) as EventFrame;
      expect(frame.id).toBe(event!.id);
      expect(frame.event.data).toEqual({ bio });
    });

    it('should publish job progress to jobs:<id>', async () => {
      const jobId = newId();
      const socket = await connect(adminToken);
      await subscribe(socket, `jobs:${jobId}`);
      await publishJobProgress(server.realtime, {
        jobId,
        queue: 'timetable.solve',
        ownerId: ADMIN,
        progress: 40,
        message: 'placing lectures',
      });
      expect(await socket.next(isEvent)).toMatchObject({
        topic: `jobs:${jobId}`,
        event: {
          type: 'job.progress',
          subjectType: 'job',
          subjectId: jobId,
          data: { progress: 40, message: 'placing lectures', queue: 'timetable.solve' },
        },
      });
    });

    it('should let only the owner (or jobs:read) follow a job', async () => {
      const learner = await connect(learnerToken);
      learner.send({ type: 'subscribe', topic: `jobs:${newId()}` });
      expect(await learner.next()).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
    });
  });

  describe('resume', () => {
    it('should replay the events missed since the last event id, then say resumed', async () => {
      const first = await connect(adminToken);
      await subscribe(first, 'events:*');
      const [seen] = await commitEvents(database, userCreated());
      await first.next((m) => isEvent(m) && m.id === seen!.id);
      await first.close();

      // Another client tells when the server has the missed events, as a reconnect a moment
      // later would find them.
      const watcher = await connect(adminToken);
      await subscribe(watcher, 'events:*');
      const missed = await commitEvents(database, userCreated(), userCreated());
      await watcher.next((m) => isEvent(m) && m.id === missed[1]!.id);

      const second = await connect(adminToken);
      await subscribe(second, 'events:*');
      second.send({ type: 'resume', lastEventId: seen!.id });
      const resumed = await second.next(ofType('resumed'));
      expect(resumed).toEqual({
        type: 'resumed',
        lastEventId: seen!.id,
        replayed: 2,
        complete: true,
      });
      expect(second.received.filter(isEvent).map((m) => m.id)).toEqual(missed.map((e) => e.id));
    });

    it('should not repeat events the socket already got live', async () => {
      const socket = await connect(adminToken);
      await subscribe(socket, 'users');
      const [before] = await commitEvents(database, userCreated());
      await socket.next((m) => isEvent(m) && m.id === before!.id);
      const [live] = await commitEvents(database, userCreated());
      await socket.next((m) => isEvent(m) && m.id === live!.id);
      socket.send({ type: 'resume', lastEventId: before!.id });
      expect(await socket.next(ofType('resumed'))).toMatchObject({ replayed: 0, complete: true });
    });

    it('should report an incomplete replay for an id it no longer holds', async () => {
      const socket = await connect(adminToken);
      await subscribe(socket, 'events:*');
      socket.send({ type: 'resume', lastEventId: '00000000-0000-7000-8000-000000000000' });
      const resumed = await socket.next(ofType('resumed'));
      expect(resumed).toMatchObject({ complete: false });
    });
  });

  describe('metrics', () => {
    it('should count connections, messages sent and dropped clients', async () => {
      const registry = new Registry();
      registerRealtimeMetrics(registry, server.realtime.stats);
      await connect(adminToken);
      const text = await registry.metrics();
      expect(text).toMatch(/lectern_ws_connections\{state="authenticated"\} [1-9]/);
      expect(text).toMatch(/lectern_ws_messages_sent_total [1-9]/);
      expect(text).toMatch(/lectern_ws_clients_dropped_total\{reason="unauthenticated"\} [1-9]/);
    });
  });
});

describe('GET /ws limits and shutdown', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openDatabaseForTest();
  });
  afterAll(() => database.close());

  it('should close a slow consumer with 1013 once its send buffer is full', async () => {
    const server = await startRealtimeServer({
      database,
      dispatch: false,
      env: { WS_MAX_BUFFERED_BYTES: '65536' },
    });
    try {
      const socket = await openSocket(`${server.wsUrl}?token=${await tokenFor(ADMIN, ['admin'])}`);
      await socket.next(ofType('authenticated'));
      socket.send({ type: 'subscribe', topic: 'events:*' });
      await socket.next(ofType('subscribed'));
      socket.pause();
      const data = { blob: randomBytes(32 * 1024).toString('base64') };
      // Far more than the kernel's socket buffers hold, so bytes pile up in the server process.
      for (let i = 0; i < 2000 && server.realtime.stats.dropped.slow_consumer === 0; i++) {
        server.realtime.hub.deliver({
          topics: ['users', 'events:*'],
          source: 'transient',
          event: {
            id: newId(),
            type: 'user.updated',
            subjectType: 'user',
            subjectId: ADMIN,
            actorId: null,
            data,
            occurredAt: new Date().toISOString(),
          },
        });
        await new Promise((r) => setImmediate(r));
      }
      expect(server.realtime.stats.dropped.slow_consumer).toBe(1);
      socket.resume();
      expect((await socket.closed).code).toBe(1013);
    } finally {
      await server.close();
    }
  });

  it('should terminate a socket that stops answering pings', async () => {
    const server = await startRealtimeServer({
      database,
      dispatch: false,
      env: { WS_HEARTBEAT_MS: '100' },
    });
    try {
      const token = await tokenFor(ADMIN, ['admin']);
      const dead = await openSocket(`${server.wsUrl}?token=${token}`, { autoPong: false });
      const alive = await openSocket(`${server.wsUrl}?token=${token}`);
      await dead.next(ofType('authenticated'));
      const { code, afterMs } = await dead.closed;
      expect(code).toBe(1006);
      expect(afterMs).toBeLessThan(2000);
      expect(alive.ws.readyState).toBe(alive.ws.OPEN);
      expect(server.realtime.stats.dropped.heartbeat).toBe(1);
      await alive.close();
    } finally {
      await server.close();
    }
  });

  it('should close every socket with 1001 on shutdown', async () => {
    const server = await startRealtimeServer({ database, dispatch: false });
    const token = await tokenFor(ADMIN, ['admin']);
    const sockets = await Promise.all(
      [1, 2, 3].map(() => openSocket(`${server.wsUrl}?token=${token}`)),
    );
    await Promise.all(sockets.map((s) => s.next(ofType('authenticated'))));
    await server.close();
    for (const socket of sockets) expect((await socket.closed).code).toBe(1001);
  });
});
