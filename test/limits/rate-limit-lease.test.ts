import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, redisServerOnPath, throwawayRedis } from '../cache/throwaway-redis.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const hasRedis = redisServerOnPath();
if (!hasRedis)
  process.stderr.write('test/limits/rate-limit-lease.test.ts: skipped (no redis-server)\n');

// Counting every request in Redis cost a round trip each; a process now takes 1 % of a budget at
// a time, and the processes together still never serve more than the budget.
describe.runIf(hasRedis)('rate-limit leases from Redis', () => {
  const BUDGET = 500;
  const LEASE = 5;
  const prefix = 'lease-test:';
  let redis: ReturnType<typeof throwawayRedis>;
  let client: Redis;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    redis = throwawayRedis(await freePort());
    await redis.start();
    client = new Redis(redis.url);
    const env = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: prefix, RATE_LIMIT_ANON: String(BUDGET) };
    a = await buildTestApp(env);
    b = await buildTestApp(env);
  });
  afterAll(async () => {
    client?.disconnect();
    await a?.close();
    await b?.close();
    await redis?.stop();
  });

  const get = (t: TestApp, ip: string) =>
    t.app.inject({ method: 'GET', url: '/api/v1/no-such-route', remoteAddress: ip });
  const counted = async (ip: string) => Number(await client.get(`${prefix}rate-limit:ip:${ip}`));

  it('should count a lease of 1 % of the budget in Redis, then serve it locally', async () => {
    const ip = '10.2.0.1';
    const first = await get(a, ip);
    expect(first.statusCode).toBe(404);
    expect(first.headers['x-ratelimit-remaining']).toBe(String(BUDGET - 1));
    expect(await counted(ip)).toBe(LEASE);
    for (let i = 1; i < LEASE; i++) {
      const res = await get(a, ip);
      expect(res.headers['x-ratelimit-remaining']).toBe(String(BUDGET - 1 - i));
    }
    expect(await counted(ip)).toBe(LEASE);
    await get(a, ip);
    expect(await counted(ip)).toBe(2 * LEASE);
    // Another process takes its own lease, counted for everyone.
    await get(b, ip);
    expect(await counted(ip)).toBe(3 * LEASE);
  });

  it('should never let the processes together serve more than the budget', async () => {
    const ip = '10.2.0.2';
    const statuses: number[] = [];
    // Concurrently, so that leases are taken while others are in flight.
    for (let round = 0; round < 11; round++) {
      const batch = Array.from({ length: 50 }, (_, i) => get(i % 2 ? a : b, ip));
      for (const res of await Promise.all(batch)) statuses.push(res.statusCode);
    }
    const served = statuses.filter((s) => s === 404).length;
    expect(served).toBeLessThanOrEqual(BUDGET);
    // Unspent tokens of the other process are the only slack: one lease.
    expect(served).toBeGreaterThanOrEqual(BUDGET - LEASE);
    expect(statuses.filter((s) => s !== 404 && s !== 429)).toEqual([]);
  });
});
