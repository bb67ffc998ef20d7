import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '#platform/db/index.js';
import type { ServerMessage } from '#platform/realtime/index.js';
import {
  allLogText,
  createUserAndLogin,
  PASSWORD,
  type TestUser,
  uniqueEmail,
} from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { commitEvents, userCreated } from './realtime-harness.js';
import { openSocket, type TestSocket } from './ws-client.js';

const isEvent = (m: ServerMessage) => m.type === 'event';

// The whole app: real access tokens from POST /auth/login, the real job queue and /metrics.
describe('GET /ws in the app', () => {
  let t: TestApp;
  let wsUrl: string;
  let admin: TestUser;
  let learner: TestUser;
  let releaseJob: () => void = () => {};
  const jobMayReport = new Promise<void>((resolve) => {
    releaseJob = resolve;
  });
  const sockets: TestSocket[] = [];

  async function connect(user: TestUser): Promise<TestSocket> {
    const socket = await openSocket(`${wsUrl}?token=${user.accessToken}`);
    sockets.push(socket);
    expect(await socket.next()).toEqual({ type: 'authenticated', userId: user.id });
    return socket;
  }

  beforeAll(async () => {
    t = await buildTestApp(
      {},
      {
        routes: (app) =>
          app.lectern.jobs.register('realtime-test', async (job) => {
            await jobMayReport;
            await job.progress(50, 'half way');
            return { done: true };
          }),
      },
    );
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    wsUrl = `ws://127.0.0.1:${port}/ws`;
    admin = await createUserAndLogin(t, ['admin']);
    learner = await createUserAndLogin(t, ['learner']);
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close()));
    await t.close();
  });

  it('should authenticate with an access token from the login route', async () => {
    const socket = await connect(admin);
    socket.send({ type: 'subscribe', topic: 'events:*' });
    expect(await socket.next()).toEqual({ type: 'subscribed', topic: 'events:*' });
    const [event] = await commitEvents(t.database, userCreated(learner.id));
    expect(await socket.next(isEvent)).toMatchObject({ topic: 'events:*', id: event!.id });
  });

  it('should push user.created, caused by a sign-up request, to admins following users', async () => {
    const socket = await connect(admin);
    socket.send({ type: 'subscribe', topic: 'users' });
    await socket.next();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: uniqueEmail('signup'), password: PASSWORD, name: 'New Learner' },
    });
    expect(res.statusCode).toBe(201);
    const userId = res.json().data.id;
    expect(await socket.next(isEvent)).toMatchObject({
      topic: 'users',
      event: { type: 'user.created', subjectType: 'user', subjectId: userId },
    });
  });

  it('should refuse the token of a session that has ended with 4401', async () => {
    const ended = await createUserAndLogin(t, ['learner']);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: ended.auth,
    });
    expect(res.statusCode).toBe(204);
    const socket = await openSocket(wsUrl);
    socket.send({ type: 'auth', token: ended.accessToken });
    expect((await socket.closed).code).toBe(4401);
  });

  it('should push job progress to the job owner, and not to other learners', async () => {
    const jobId = await inTransaction(t.database.db, ({ tx }) =>
      t.app.lectern.jobs.enqueue(tx, 'realtime-test', {}, { ownerId: learner.id }),
    );
    const owner = await connect(learner);
    owner.send({ type: 'subscribe', topic: `jobs:${jobId}` });
    expect(await owner.next()).toEqual({ type: 'subscribed', topic: `jobs:${jobId}` });
    const other = await connect(await createUserAndLogin(t, ['learner']));
    other.send({ type: 'subscribe', topic: `jobs:${jobId}` });
    expect(await other.next()).toMatchObject({ type: 'error', code: 'FORBIDDEN' });

    releaseJob();
    expect(await owner.next(isEvent, 15_000)).toMatchObject({
      topic: `jobs:${jobId}`,
      event: { type: 'job.progress', subjectId: jobId, data: { progress: 50 } },
    });
  });

  it('should expose its metrics at /metrics', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/lectern_ws_connections\{state="authenticated"\} [1-9]/);
    expect(res.body).toContain('lectern_ws_clients_dropped_total{reason="unauthenticated"} 1');
  });

  it('should keep tokens out of the logs', () => {
    expect(allLogText(t)).not.toContain(admin.accessToken);
  });

  it('should close sockets with 1001 when the app closes', async () => {
    const socket = await connect(admin);
    const closing = t.app.close();
    expect((await socket.closed).code).toBe(1001);
    await closing;
  });
});
