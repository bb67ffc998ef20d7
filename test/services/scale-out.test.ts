import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Cluster,
  callServer as call,
  servicesEnabled as enabled,
  type Json,
  type ServerProcess,
  startCluster,
} from '../helpers/cluster.js';
import { openSocket } from '../realtime/ws-client.js';

/**
 * Three real server processes over one PostgreSQL and one Redis (`npm run test:services`):
 * jobs, realtime fan-out, rate limits and failover must work across processes.
 */
describe.skipIf(!enabled)('scale-out: three processes over one PostgreSQL and Redis', () => {
  let cluster: Cluster | undefined;
  const admin = { email: 'ops@scale.example.org', password: 'scale-out-Pa55word!' };
  let servers: ServerProcess[] = [];
  let token = '';

  beforeAll(async () => {
    cluster = await startCluster({
      name: 'scale',
      admin,
      env: {
        JOBS_POLL_INTERVAL_MS: '500',
        JOBS_MAINTENANCE_INTERVAL_SECONDS: '2',
        RATE_LIMIT_ANON: '40',
        RATE_LIMIT_AUTH: '100000',
      },
    });
    servers = cluster.servers;
    token = cluster.adminToken;
  }, 180_000);

  afterAll(async () => cluster?.close(), 60_000);

  async function probeEvents(): Promise<Array<{ subjectId: string; data: { instance: string } }>> {
    const events: Array<{ subjectId: string; data: { instance: string } }> = [];
    let cursor: string | null = null;
    do {
      const page = await call(
        servers[0]!,
        `/api/v1/events?type=job.probe_completed&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        { token },
      );
      events.push(...page.body.data);
      cursor = page.body.meta.nextCursor;
    } while (cursor);
    return events;
  }

  it('should run 1 000 distinct jobs enqueued through any process exactly once', async () => {
    const ids: string[] = [];
    for (const [i, count] of [334, 333, 333].entries()) {
      const res = await call(servers[i]!, '/api/v1/jobs/probes', {
        method: 'POST',
        token,
        body: JSON.stringify({ count, sleepMs: 0 }),
      });
      expect(res.status).toBe(202);
      ids.push(...res.body.data.jobIds);
    }
    expect(new Set(ids).size).toBe(1000);
    await expect
      .poll(async () => (await probeEvents()).length, { timeout: 120_000, interval: 1000 })
      .toBeGreaterThanOrEqual(1000);
    const events = await probeEvents();
    expect(events).toHaveLength(1000);
    expect(new Set(events.map((e) => e.subjectId))).toEqual(new Set(ids));
    const workers = new Set(events.map((e) => e.data.instance));
    expect(workers.size).toBeGreaterThan(1);
  }, 180_000);

  it('should deliver to a WebSocket client on A an event caused by a request to C', async () => {
    const [a, , c] = servers;
    const socket = await openSocket(`${a!.url.replace('http', 'ws')}/ws?token=${token}`);
    try {
      await socket.next((m) => m.type === 'authenticated', 5000);
      socket.send({ type: 'subscribe', topic: 'events:*' });
      await socket.next((m) => m.type === 'subscribed', 5000);
      const res = await call(c!, '/api/v1/jobs/probes', {
        method: 'POST',
        token,
        body: JSON.stringify({ count: 1 }),
      });
      const [jobId] = res.body.data.jobIds;
      const frame = (await socket.next(
        (m) =>
          m.type === 'event' &&
          (m as Json).event?.type === 'job.probe_completed' &&
          (m as Json).event?.subjectId === jobId,
        20_000,
      )) as Json;
      expect(frame).toMatchObject({
        type: 'event',
        topic: 'events:*',
        event: { subjectId: jobId },
      });
    } finally {
      await socket.close();
    }
  }, 60_000);

  it('should share rate-limit counters between processes', async () => {
    const statuses: number[] = [];
    const remaining: number[] = [];
    for (let i = 0; i < 45 && !statuses.includes(429); i++) {
      const res = await call(servers[i % 3]!, '/api/v1/no-such-route');
      statuses.push(res.status);
      remaining.push(Number(res.headers.get('x-ratelimit-remaining')));
    }
    // 40 per minute per IP in total, not 40 per process.
    expect(statuses.filter((s) => s === 404).length).toBeLessThanOrEqual(40);
    expect(statuses.at(-1)).toBe(429);
    expect(remaining.slice(0, 5)).toEqual([...remaining.slice(0, 5)].sort((x, y) => y - x));
  });

  it('should drop a value cached on A when C changes it (invalidation over Redis)', async () => {
    const [a, , c] = servers;
    const me = (await call(a!, '/api/v1/auth/me', { token })).body.data.user;
    const url = `/api/v1/users/${me.id}`;
    // Read twice on A: the second read is served from A's cache (and Redis).
    expect((await call(a!, url, { token })).body.data.roles).toEqual(['admin']);
    expect((await call(a!, url, { token })).body.data.roles).toEqual(['admin']);
    const changed = await call(c!, `${url}/roles`, {
      method: 'PUT',
      token,
      body: JSON.stringify({ roles: ['admin', 'staff'] }),
    });
    expect(changed.status).toBe(200);
    // The invalidation reaches A over pub/sub right after C's commit.
    await expect
      .poll(async () => (await call(a!, url, { token })).body.data.roles, {
        timeout: 5000,
        interval: 50,
      })
      .toEqual(['admin', 'staff']);
  });

  it('should retry the job of a worker killed mid-run on another process', async () => {
    const res = await call(servers[0]!, '/api/v1/jobs/probes', {
      method: 'POST',
      token,
      body: JSON.stringify({ count: 1, sleepMs: 5000 }),
    });
    const [jobId] = res.body.data.jobIds;
    let runningOn = '';
    await expect
      .poll(
        async () => {
          const job = await call(servers[1]!, `/api/v1/jobs/${jobId}`, { token });
          runningOn = /running on (\S+)/.exec(job.body.data.message ?? '')?.[1] ?? '';
          return runningOn;
        },
        { timeout: 20_000, interval: 100 },
      )
      .not.toBe('');
    const victim = servers.find((s) => runningOn.endsWith(`:${s.child.pid}`));
    expect(victim, `job ran on ${runningOn}, none of ours`).toBeDefined();
    await victim!.stop('SIGKILL');
    const survivor = servers.find((s) => s !== victim)!;
    await expect
      .poll(
        async () => (await call(survivor, `/api/v1/jobs/${jobId}`, { token })).body.data.state,
        {
          timeout: 60_000,
          interval: 500,
        },
      )
      .toBe('completed');
    const job = (await call(survivor, `/api/v1/jobs/${jobId}`, { token })).body.data;
    expect(job.result.instance).not.toBe(runningOn);
    expect(job.result.attempt).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
