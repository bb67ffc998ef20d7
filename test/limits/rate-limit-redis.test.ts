import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, redisServerOnPath, throwawayRedis } from '../cache/throwaway-redis.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const hasRedis = redisServerOnPath();
if (!hasRedis)
  process.stderr.write('test/limits/rate-limit-redis.test.ts: skipped (no redis-server)\n');

// /ready shows its checks only to the metrics token (or an admin).
const OPS_TOKEN = 'rate-limit-redis-ops-token';
const readyDetails = { authorization: `Bearer ${OPS_TOKEN}` };

describe.runIf(hasRedis)('rate limits shared through Redis', () => {
  let redis: ReturnType<typeof throwawayRedis>;
  let a: TestApp;
  let b: TestApp;
  let otherDeployment: TestApp;
  beforeAll(async () => {
    redis = throwawayRedis(await freePort());
    await redis.start();
    const env = { REDIS_URL: redis.url, RATE_LIMIT_ANON: '3', METRICS_TOKEN: OPS_TOKEN };
    a = await buildTestApp(env);
    b = await buildTestApp(env);
    otherDeployment = await buildTestApp({ ...env, REDIS_KEY_PREFIX: 'other-deployment:' });
  });
  afterAll(async () => {
    // Back up first: closing the app with Redis down waits on the realtime bus (reported).
    await redis?.start();
    await a?.close();
    await b?.close();
    await otherDeployment?.close();
    await redis?.stop();
  });

  const get = (t: TestApp, ip: string) =>
    t.app.inject({ method: 'GET', url: '/api/v1/auth/me', remoteAddress: ip });

  it('should count one budget across processes', async () => {
    const ip = '10.1.0.1';
    expect((await get(a, ip)).headers['x-ratelimit-remaining']).toBe('2');
    expect((await get(b, ip)).headers['x-ratelimit-remaining']).toBe('1');
    expect((await get(a, ip)).headers['x-ratelimit-remaining']).toBe('0');
    expect((await get(b, ip)).statusCode).toBe(429);
  });

  it('should count failed authentication against the shared per-IP budget', async () => {
    const ip = '10.1.0.4';
    const bogus = { 'x-api-key': `lk_0123abcd_${'x'.repeat(43)}` };
    const attempt = (t: TestApp) =>
      t.app.inject({ method: 'GET', url: '/api/v1/auth/me', remoteAddress: ip, headers: bogus });
    expect((await attempt(a)).statusCode).toBe(401);
    expect((await attempt(b)).statusCode).toBe(401);
    expect((await attempt(a)).statusCode).toBe(401);
    const limited = await attempt(b);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
  });

  it('should keep the budgets of a deployment with another REDIS_KEY_PREFIX apart', async () => {
    const ip = '10.1.0.3';
    for (let i = 0; i < 3; i++) expect((await get(a, ip)).statusCode).not.toBe(429);
    expect((await get(a, ip)).statusCode).toBe(429);
    expect((await get(otherDeployment, ip)).headers['x-ratelimit-remaining']).toBe('2');
  });

  it('should report Redis in /ready', async () => {
    const res = await a.app.inject({ method: 'GET', url: '/ready', headers: readyDetails });
    expect(res.json().data.checks.redis).toBe('ok');
  });

  it('should let requests through while Redis is down, and say so in /ready', async () => {
    await redis.stop();
    const res = await get(a, '10.1.0.2');
    expect(res.statusCode).not.toBe(429);
    expect(res.statusCode).toBeLessThan(500);
    // Degraded, not down: the process still serves from the database and in-process caches.
    const ready = await a.app.inject({ method: 'GET', url: '/ready', headers: readyDetails });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().data.status).toBe('degraded');
    expect(ready.json().data.failures).toEqual(
      expect.arrayContaining([{ path: 'redis', message: expect.any(String) }]),
    );
  });
});
