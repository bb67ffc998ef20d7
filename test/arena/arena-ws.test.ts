import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, type TestUser } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { ofType, openSocket, type TestSocket } from '../realtime/ws-client.js';

describe('arena WebSocket topic', () => {
  let t: TestApp;
  let wsUrl: string;
  let staff: TestUser;
  let learner: TestUser;
  let socket: TestSocket;

  beforeAll(async () => {
    t = await buildTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    wsUrl = `ws://127.0.0.1:${port}/ws`;
    staff = await createUserAndLogin(t, ['staff']);
    learner = await createUserAndLogin(t, ['learner']);
  });
  afterAll(async () => {
    await socket?.close();
    await t.close();
  });

  it('should send each completed run and each finished workload with the new leaderboard', async () => {
    socket = await openSocket(`${wsUrl}?token=${learner.accessToken}`);
    await socket.next(ofType('authenticated'));
    socket.send({ type: 'subscribe', topic: 'arena' });
    expect(await socket.next()).toEqual({ type: 'subscribed', topic: 'arena' });

    const start = await t.app.inject({
      method: 'POST',
      url: '/api/v1/arena/start',
      headers: staff.auth,
      payload: { preset: 'small', budgetSeconds: 1, competitors: ['greedy', 'tabu', 'oracle'] },
    });
    expect(start.statusCode).toBe(202);

    const isType = (type: string) =>
      ofType('event', (m) => m.type === 'event' && m.topic === 'arena' && m.event.type === type);
    const run = await socket.next(isType('arena.run'), 20_000);
    expect(run.type === 'event' && run.event.data).toMatchObject({
      competitor: expect.stringMatching(/^(greedy|tabu)$/),
      hard: expect.any(Number),
      soft: expect.any(Number),
    });
    const done = await socket.next(isType('arena.workload'), 30_000);
    const data = (done.type === 'event' ? done.event.data : {}) as {
      workload: { runs: Array<{ competitor: string }> };
      leaderboard: Array<{ competitor: string; workloads: number }>;
    };
    expect(data.workload.runs.map((r) => r.competitor).sort()).toEqual([
      'greedy',
      'oracle',
      'tabu',
    ]);
    expect(data.leaderboard.map((r) => r.competitor).sort()).toEqual(['greedy', 'oracle', 'tabu']);
    expect(data.leaderboard.every((r) => r.workloads >= 1)).toBe(true);

    const stop = await t.app.inject({
      method: 'POST',
      url: '/api/v1/arena/stop',
      headers: staff.auth,
    });
    expect(stop.json().data.state).toBe('stopped');
  });
});
