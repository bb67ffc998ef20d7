import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let harness: TestApp | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const withRedis = process.env.LECTERN_TEST_SERVICES === '1' && !!process.env.REDIS_URL;

describe('app.lectern.cache', () => {
  it('should be wired into the app and cache through getOrLoad', async () => {
    harness = await buildTestApp();
    const { cache, redis } = harness.app.lectern;
    expect(redis === undefined).toBe(!withRedis);
    if (withRedis) await vi.waitFor(() => expect(cache.health()).toBe('ok'));
    else expect(cache.health()).toBe('disabled');
    const loader = vi.fn(async () => ({ n: 1 }));
    await cache.getOrLoad('test:app:1', loader, { ttl: 5 });
    await cache.getOrLoad('test:app:1', loader, { ttl: 5 });
    expect(loader).toHaveBeenCalledTimes(1);
    await cache.invalidate('test:app:1');
    expect(harness.logs.filter((l) => (l.level as number) >= 40)).toEqual([]);
    const metrics = await harness.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('cache_requests_total{namespace="test",result="hit"} 1');
    expect(metrics.body).toContain('# TYPE circuit_breaker_state gauge');
  });

  it.skipIf(!withRedis)('should close its Redis connections with the app', async () => {
    harness = await buildTestApp();
    const { redis } = harness.app.lectern;
    await vi.waitFor(() => expect(redis?.isReady()).toBe(true));
    await harness.close();
    harness = undefined;
    expect(redis?.command.status).toBe('end');
    expect(redis?.subscriber.status).toBe('end');
  });
});
