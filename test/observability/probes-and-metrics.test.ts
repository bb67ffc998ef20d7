import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { breakerFor } from '#platform/resilience/index.js';
import { LECTERN_VERSION } from '#platform/version.js';
import { createUserAndLogin, type TestUser } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { conventionRoutes } from '../http/test-routes.js';

// Under `npm run test:services` the app has Redis; otherwise it runs without.
const withRedis =
  process.env.LECTERN_TEST_SERVICES === '1' && process.env.REDIS_URL ? 'ok' : 'disabled';

describe('probes', () => {
  let t: TestApp;
  let admin: TestUser;
  let staff: TestUser;
  beforeAll(async () => {
    t = await buildTestApp();
    admin = await createUserAndLogin(t, ['admin']);
    staff = await createUserAndLogin(t, ['staff']);
  });
  afterAll(() => t.close());

  const ready = (user?: TestUser) =>
    t.app.inject({ method: 'GET', url: '/ready', headers: user?.auth ?? {} });

  it('should answer /health with status, uptime and version', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      ok: true,
      data: { status: 'ok', uptime: expect.any(Number), version: LECTERN_VERSION },
    });
  });

  it('should answer /ready when the database answers and migrations are applied', async () => {
    const res = await ready(admin);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual({
      status: 'ready',
      checks: {
        database: 'ok',
        migrations: 'ok',
        redis: withRedis,
        cache: withRedis,
        breakers: expect.any(Array),
      },
      failures: [],
    });
  });

  it('should answer /ready with 200 degraded while an outbound circuit is open', async () => {
    const breaker = breakerFor('probe-test-receiver', {
      timeoutMs: 50,
      volumeThreshold: 1,
      resetTimeoutMs: 60_000,
    });
    for (let i = 0; i < 3; i++)
      await breaker.run(async () => Promise.reject(new Error('down'))).catch(() => undefined);
    const res = await ready(admin);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      status: 'degraded',
      checks: {
        database: 'ok',
        breakers: expect.arrayContaining([{ name: 'probe-test-receiver', state: 'open' }]),
      },
      failures: [{ path: 'breakers/probe-test-receiver', message: 'circuit open' }],
    });
  });

  it('should answer /ready with 503 NOT_READY naming the failed check', async () => {
    const { database } = t;
    const ping = database.ping;
    database.ping = async () => {
      throw new Error('connection refused');
    };
    try {
      const res = await ready(admin);
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json().error).toMatchObject({
        code: 'NOT_READY',
        message: 'Not ready to serve requests',
      });
      expect(res.json().error.details).toContainEqual({
        path: 'database',
        message: 'connection refused',
      });
      for (const res of [await ready(), await ready(staff)]) {
        expect(res.statusCode).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.json().error.code).toBe('NOT_READY');
        expect(res.json().error.details).toBeUndefined();
        expect(res.body).not.toContain('connection refused');
      }
    } finally {
      database.ping = ping;
    }
  });

  it('should show anyone but an admin only the status of /ready', async () => {
    breakerFor('probe-secret-receiver', { timeoutMs: 50, volumeThreshold: 1 });
    for (const headers of [
      {},
      staff.auth,
      { authorization: 'Bearer not-a-token' },
      { authorization: 'Basic YWRtaW46YWRtaW4=' },
      { 'x-api-key': 'lk_whatever' },
    ]) {
      const res = await t.app.inject({ method: 'GET', url: '/ready', headers });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ok: true, data: { status: expect.any(String) } });
      expect(res.body).not.toContain('probe-secret-receiver');
    }
    expect((await ready(admin)).body).toContain('probe-secret-receiver');
  });
});

describe('/metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({}, { routes: conventionRoutes });
  });
  afterAll(() => t.close());

  it('should expose request durations by route template, pool and process metrics', async () => {
    await t.app.inject({ method: 'GET', url: '/test/items/1' });
    await t.app.inject({ method: 'GET', url: '/test/items/2' });
    await t.app.inject({ method: 'GET', url: '/no/such/route' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(text).toContain(
      'http_request_duration_seconds_count{method="GET",route="/test/items/:id",status_code="200"} 2',
    );
    expect(text).toContain(
      'http_request_duration_seconds_count{method="GET",route="<unmatched>",status_code="404"} 1',
    );
    expect(text).toMatch(/db_pool_connections\{state="total"\} \d+/);
    // Right after start every job queue's first poll may queue for a pooled connection; at rest
    // nothing waits.
    await expect
      .poll(async () => (await t.app.inject({ method: 'GET', url: '/metrics' })).body, {
        timeout: 10_000,
      })
      .toMatch(/db_pool_connections\{state="waiting"\} 0/);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('should keep each app instance in its own registry', async () => {
    const other = await buildTestApp();
    try {
      const text = (await other.app.inject({ method: 'GET', url: '/metrics' })).body;
      expect(text).not.toContain('/test/items/:id');
    } finally {
      await other.close();
    }
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  const token = 'a-long-enough-metrics-token';
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ METRICS_TOKEN: token });
  });
  afterAll(() => t.close());

  it('should require the bearer token', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('METRICS_TOKEN_REQUIRED');
    const wrong = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('should show the details of /ready to the metrics token', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/ready',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.json().data.checks).toMatchObject({ database: 'ok', migrations: 'ok' });
    const anonymous = await t.app.inject({ method: 'GET', url: '/ready' });
    expect(anonymous.json().data.checks).toBeUndefined();
  });

  it('should serve the metrics to the right bearer token', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('http_request_duration_seconds');
  });
});

describe('/metrics in production', () => {
  // Production with an external database (npm run test:services) needs a shared JWT secret.
  const production = {
    NODE_ENV: 'production',
    JWT_SECRET: 'a-production-jwt-secret-of-32-chars-or-more',
  };

  it('should be off without METRICS_TOKEN', async () => {
    const t = await buildTestApp(production);
    try {
      expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
      expect(t.logs.map((l) => l.msg)).toContain(
        '/metrics is off: in production it needs METRICS_TOKEN',
      );
    } finally {
      await t.close();
    }
  });

  it('should be served behind METRICS_TOKEN', async () => {
    const token = 'a-long-enough-production-token';
    const t = await buildTestApp({ ...production, METRICS_TOKEN: token });
    try {
      expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
      const res = await t.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('METRICS_ENABLED=false', () => {
  it('should not serve /metrics', async () => {
    const t = await buildTestApp({ METRICS_ENABLED: 'false' });
    try {
      expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});
