import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Cache, createCache } from '#platform/cache/index.js';
import { createRedisStore } from '#platform/cache/redis-store.js';
import { createRedisClients, type RedisClients } from '#platform/redis/index.js';
import { freePort, redisServerOnPath, throwawayRedis } from './throwaway-redis.js';

const REDIS_URL = process.env.LECTERN_TEST_SERVICES === '1' ? process.env.REDIS_URL : undefined;
if (!REDIS_URL) {
  process.stderr.write(
    'test/cache/cache-redis.test.ts: L2 tests skipped (set LECTERN_TEST_SERVICES=1 and REDIS_URL)\n',
  );
}
const hasRedisServer = redisServerOnPath();
if (!hasRedisServer) {
  process.stderr.write('test/cache/cache-redis.test.ts: outage test skipped (no redis-server)\n');
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Instance {
  cache: Cache;
  clients: RedisClients;
  logs: Array<{ level: string; msg: string }>;
  metrics: Registry;
}

/** One "process": a cache with its own Redis connections, on a prefix private to the test. */
async function instance(url: string, prefix: string, waitReady = true): Promise<Instance> {
  return instanceWith(url, prefix, waitReady, {});
}

async function instanceWith(
  url: string,
  prefix: string,
  waitReady: boolean,
  extra: { probeIntervalMs?: number },
): Promise<Instance> {
  const logs: Instance['logs'] = [];
  const log = {
    warn: (_o: unknown, msg?: string) => logs.push({ level: 'warn', msg: msg ?? '' }),
    info: (o: unknown, msg?: string) =>
      logs.push({ level: 'info', msg: msg ?? (typeof o === 'string' ? o : '') }),
  };
  const clients = createRedisClients(url, log, { commandTimeoutMs: 500 });
  const metrics = new Registry();
  const cache = createCache({
    redis: clients,
    maxEntries: 100,
    defaultTtlSeconds: 60,
    log,
    metrics,
    redisPrefix: prefix,
    ...extra,
  });
  cleanups.push(async () => {
    await cache.close();
    await clients.close();
  });
  if (waitReady) await vi.waitFor(() => expect(cache.health()).toBe('ok'), { timeout: 5000 });
  return { cache, clients, logs, metrics };
}

const twoProcesses = async (url: string) => {
  const prefix = `lectern-test:${randomUUID()}:`;
  return [await instance(url, prefix), await instance(url, prefix)] as const;
};

describe.skipIf(!REDIS_URL)('cache with Redis (L2)', () => {
  const url = REDIS_URL as string;

  it('should serve a value loaded by one process to another from Redis', async () => {
    const [a, b] = await twoProcesses(url);
    await a.cache.getOrLoad('catalog:course:1', async () => ({ title: 'Optics' }));
    const loader = vi.fn(async () => ({ title: 'reloaded' }));
    expect(await b.cache.getOrLoad('catalog:course:1', loader)).toEqual({ title: 'Optics' });
    expect(loader).not.toHaveBeenCalled();
    expect(await b.metrics.metrics()).toContain(
      'cache_requests_total{namespace="catalog",result="hit"} 1',
    );
  });

  it('should invalidate a key in every process', async () => {
    const [a, b] = await twoProcesses(url);
    await a.cache.getOrLoad('k:1', async () => 'old');
    await b.cache.getOrLoad('k:1', async () => 'unused');
    await a.cache.invalidate('k:1');
    // b's L1 is dropped when the pub/sub message arrives.
    await vi.waitFor(async () =>
      expect(await b.cache.getOrLoad('k:1', async () => 'new')).toBe('new'),
    );
    expect(await a.cache.getOrLoad('k:1', async () => 'newer')).toBe('new');
  });

  it('should invalidate a tag in every process', async () => {
    const [a, b] = await twoProcesses(url);
    await a.cache.getOrLoad('k:1', async () => 'one', { tags: ['course:9'] });
    await a.cache.getOrLoad('k:2', async () => 'two', { tags: ['course:9', 'x'] });
    await a.cache.getOrLoad('k:3', async () => 'three', { tags: ['course:8'] });
    for (const k of ['k:1', 'k:2', 'k:3']) await b.cache.getOrLoad(k, async () => 'unused');
    await b.cache.invalidateTags(['course:9']);
    await vi.waitFor(async () =>
      expect(await a.cache.getOrLoad('k:1', async () => 'new-one')).toBe('new-one'),
    );
    expect(await a.cache.getOrLoad('k:2', async () => 'new-two')).toBe('new-two');
    expect(await b.cache.getOrLoad('k:3', async () => 'new-three')).toBe('three');
  });

  it('should not store a load that raced with an invalidation in another process', async () => {
    const [a, b] = await twoProcesses(url);
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const slow = a.cache.getOrLoad(
      'k:1',
      async () => {
        await gate;
        return 'read before the write';
      },
      { tags: ['t'] },
    );
    // Let a's lookup reach Redis before b's invalidation.
    await new Promise((r) => setTimeout(r, 50));
    await b.cache.invalidateTags(['t']);
    release();
    expect(await slow).toBe('read before the write');
    expect(await b.cache.getOrLoad('k:1', async () => 'fresh', { tags: ['t'] })).toBe('fresh');
    expect(await a.cache.getOrLoad('k:1', async () => 'other', { tags: ['t'] })).toBe('fresh');
  });

  it('should refuse a store when the key or a tag changed generation since the lookup', async () => {
    const [a, b] = await twoProcesses(url);
    const prefix = `lectern-test:${randomUUID()}:`;
    const storeA = createRedisStore(a.clients.command, prefix);
    const storeB = createRedisStore(b.clients.command, prefix);
    const expiresAt = Date.now() + 60_000;
    const put = async (key: string, tags: string[], invalidate: () => Promise<void>) => {
      const { generations } = await storeA.lookup(key, tags);
      await invalidate();
      return storeA.store(key, '"v"', expiresAt, 60_000, tags, generations);
    };
    const none = async () => {};
    expect(await put('k:1', ['t'], () => storeB.invalidateKeys(['k:1'], { o: 'b' }))).toBe(false);
    expect(await put('k:2', ['t', 'u'], () => storeB.invalidateTags(['u'], { o: 'b' }))).toBe(
      false,
    );
    expect(await put('k:3', ['t'], () => storeB.invalidateKeys(['k:other'], { o: 'b' }))).toBe(
      true,
    );
    expect(await put('k:1', ['t'], none)).toBe(true);
    expect((await storeB.lookup('k:1', ['t'])).hit).toEqual({ payload: '"v"', expiresAt });
    await storeB.invalidateTags(['t'], { o: 'b' });
    expect((await storeA.lookup('k:1', [])).hit).toBeNull();
    expect((await storeA.lookup('k:3', [])).hit).toBeNull();
  });
});

describe.skipIf(!hasRedisServer)('cache when Redis goes down', () => {
  it('should serve from loaders, report degraded, log once, and recover by itself', async () => {
    const server = throwawayRedis(await freePort());
    await server.start();
    cleanups.push(() => server.stop());
    const prefix = 'lectern-test:';
    const a = await instance(server.url, prefix);
    const b = await instance(server.url, prefix);
    await a.cache.getOrLoad('k:cached', async () => 'from before');
    expect(a.logs).toEqual([]);

    await server.stop();
    await vi.waitFor(() => expect(a.cache.health()).toBe('degraded'));
    expect(await a.cache.getOrLoad('k:cached', async () => 'loader')).toBe('from before');
    for (let i = 0; i < 5; i++) {
      expect(await a.cache.getOrLoad(`k:${i}`, async () => `v${i}`)).toBe(`v${i}`);
    }
    // An invalidation during the outage is applied locally and replayed on reconnect.
    await a.cache.invalidate('k:cached');
    expect(await a.cache.getOrLoad('k:cached', async () => 'after')).toBe('after');
    const warnings = a.logs.filter((l) => l.level === 'warn');
    expect(warnings.filter((l) => l.msg.startsWith('cache degraded'))).toHaveLength(1);
    expect(warnings.filter((l) => l.msg.startsWith('redis unavailable'))).toHaveLength(1);
    expect(await a.metrics.metrics()).toMatch(/cache_errors_total\{operation="lookup"\} [1-9]/);

    await server.start();
    await vi.waitFor(() => expect(a.cache.health()).toBe('ok'), { timeout: 10_000 });
    await vi.waitFor(() => expect(b.cache.health()).toBe('ok'), { timeout: 10_000 });
    expect(a.logs.some((l) => l.msg.startsWith('cache recovered'))).toBe(true);
    expect(a.logs.some((l) => l.msg.startsWith('redis available again'))).toBe(true);
    await a.cache.getOrLoad('k:shared', async () => 'l2 again');
    expect(await b.cache.getOrLoad('k:shared', async () => 'not from l2')).toBe('l2 again');
  });

  it('should start degraded when Redis is not there yet and recover when it comes up', async () => {
    const server = throwawayRedis(await freePort());
    cleanups.push(() => server.stop());
    const a = await instance(server.url, 'lectern-test:', false);
    expect(a.cache.health()).toBe('degraded');
    expect(await a.cache.getOrLoad('k:1', async () => 'loader')).toBe('loader');
    await server.start();
    await vi.waitFor(() => expect(a.cache.health()).toBe('ok'), { timeout: 10_000 });
  });

  it('should fall back when Redis stalls and recover without traffic when it answers again', async () => {
    const server = throwawayRedis(await freePort());
    await server.start();
    cleanups.push(() => server.stop());
    const a = await instanceWith(server.url, 'lectern-test:', true, { probeIntervalMs: 100 });
    const admin = new Redis(server.url);
    cleanups.push(async () => void admin.disconnect());
    await admin.call('CLIENT', 'PAUSE', '1200', 'ALL');
    const started = Date.now();
    expect(await a.cache.getOrLoad('k:1', async () => 'loader')).toBe('loader');
    // Bounded by the command timeout (500 ms here), not by the stall.
    expect(Date.now() - started).toBeLessThan(1100);
    expect(a.cache.health()).toBe('degraded');
    await vi.waitFor(() => expect(a.cache.health()).toBe('ok'), { timeout: 5000 });
    expect(a.logs.filter((l) => l.level === 'warn')).toEqual([
      { level: 'warn', msg: expect.stringMatching(/^cache degraded/) },
    ]);
  });
});
