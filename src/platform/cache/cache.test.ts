import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { type CacheOptions, createCache } from './index.js';

const silent = { warn: () => {}, info: () => {} };

function newCache(overrides: Partial<CacheOptions> = {}) {
  let time = 1_000_000;
  const clock = {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
  const metrics = new Registry();
  const cache = createCache({
    maxEntries: 100,
    defaultTtlSeconds: 60,
    log: silent,
    metrics,
    now: clock.now,
    ...overrides,
  });
  return { cache, clock, metrics };
}

/** A loader that counts its calls and can be held until released. */
function countingLoader<T>(value: T) {
  const loader = async () => {
    loader.calls++;
    await loader.gate;
    return value;
  };
  loader.calls = 0;
  loader.gate = Promise.resolve() as Promise<unknown>;
  return loader;
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('createCache', () => {
  describe('getOrLoad', () => {
    it('should load once for concurrent misses of one key', async () => {
      const { cache } = newCache();
      const loader = countingLoader({ id: 1 });
      const gate = deferred();
      loader.gate = gate.promise;
      const results = Array.from({ length: 20 }, () => cache.getOrLoad('catalog:c:1', loader));
      gate.resolve();
      expect(await Promise.all(results)).toEqual(Array(20).fill({ id: 1 }));
      expect(loader.calls).toBe(1);
      await cache.getOrLoad('catalog:c:1', loader);
      expect(loader.calls).toBe(1);
    });

    it('should give every caller its own copy', async () => {
      const { cache } = newCache();
      const first = await cache.getOrLoad('k:1', async () => ({ list: [1, 2] }));
      first.list.push(3);
      expect(await cache.getOrLoad('k:1', async () => ({ list: [] as number[] }))).toEqual({
        list: [1, 2],
      });
    });

    it('should reload after the TTL', async () => {
      const { cache, clock } = newCache();
      const loader = countingLoader('v');
      await cache.getOrLoad('k:1', loader, { ttl: 10 });
      clock.advance(9_999);
      await cache.getOrLoad('k:1', loader, { ttl: 10 });
      expect(loader.calls).toBe(1);
      clock.advance(1);
      await cache.getOrLoad('k:1', loader, { ttl: 10 });
      expect(loader.calls).toBe(2);
    });

    it('should use the default TTL when none is given', async () => {
      const { cache, clock } = newCache({ defaultTtlSeconds: 5 });
      const loader = countingLoader('v');
      await cache.getOrLoad('k:1', loader);
      clock.advance(5_000);
      await cache.getOrLoad('k:1', loader);
      expect(loader.calls).toBe(2);
    });

    it('should keep at most maxEntries, evicting the least recently used', async () => {
      const { cache } = newCache({ maxEntries: 3 });
      for (const k of ['a', 'b', 'c']) await cache.getOrLoad(`k:${k}`, async () => k);
      await cache.getOrLoad('k:a', async () => 'reloaded');
      await cache.getOrLoad('k:d', async () => 'd');
      expect(await cache.getOrLoad('k:a', async () => 'reloaded')).toBe('a');
      expect(await cache.getOrLoad('k:b', async () => 'reloaded')).toBe('reloaded');
    });

    it('should not cache a loader error and should give it to every waiting caller', async () => {
      const { cache } = newCache();
      let calls = 0;
      const failing = async () => {
        calls++;
        throw new Error('database down');
      };
      const results = await Promise.allSettled([
        cache.getOrLoad('k:1', failing),
        cache.getOrLoad('k:1', failing),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect(calls).toBe(1);
      expect(await cache.getOrLoad('k:1', async () => 'ok')).toBe('ok');
    });

    it.each([
      ['undefined', undefined],
      ['a function', () => 1],
      ['a Date', new Date()],
      ['a Map', new Map()],
      ['a nested function', { a: { b: () => 1 } }],
      ['NaN', { n: Number.NaN }],
      ['undefined in an array', [1, undefined]],
      ['a bigint', { n: 1n }],
    ])('should refuse %s (values are JSON DTOs) and not cache it', async (_name, value) => {
      const { cache } = newCache();
      await expect(cache.getOrLoad('k:1', async () => value)).rejects.toThrow(/not a JSON DTO/);
      expect(await cache.getOrLoad('k:1', async () => 'ok')).toBe('ok');
    });

    it('should accept plain JSON and drop undefined properties like the wire does', async () => {
      const { cache } = newCache();
      const value = { s: 'x', n: 1.5, b: false, z: null, a: [{ x: 1 }], u: undefined };
      const got = await cache.getOrLoad('k:1', async () => value);
      expect(got).toEqual({ s: 'x', n: 1.5, b: false, z: null, a: [{ x: 1 }] });
      expect('u' in got).toBe(false);
    });
  });

  describe('invalidate', () => {
    it('should drop one key', async () => {
      const { cache } = newCache();
      await cache.getOrLoad('k:1', async () => 'old');
      await cache.getOrLoad('k:2', async () => 'kept');
      await cache.invalidate('k:1');
      expect(await cache.getOrLoad('k:1', async () => 'new')).toBe('new');
      expect(await cache.getOrLoad('k:2', async () => 'new')).toBe('kept');
    });

    it('should not let a load that started before the invalidation cache its result', async () => {
      const { cache } = newCache();
      const gate = deferred();
      const slow = cache.getOrLoad('k:1', async () => {
        await gate.promise;
        return 'stale';
      });
      await cache.invalidate('k:1');
      // A caller after the invalidation starts its own load instead of joining the stale one.
      expect(await cache.getOrLoad('k:1', async () => 'fresh')).toBe('fresh');
      gate.resolve();
      expect(await slow).toBe('stale');
      expect(await cache.getOrLoad('k:1', async () => 'other')).toBe('fresh');
    });
  });

  describe('invalidateTags', () => {
    it('should drop every entry carrying one of the tags', async () => {
      const { cache } = newCache();
      await cache.getOrLoad('catalog:course:1', async () => 'c1', { tags: ['course:1'] });
      await cache.getOrLoad('catalog:lessons:1', async () => 'l1', {
        tags: ['course:1', 'lessons'],
      });
      await cache.getOrLoad('catalog:course:2', async () => 'c2', { tags: ['course:2'] });
      await cache.invalidateTags(['course:1']);
      expect(await cache.getOrLoad('catalog:course:1', async () => 'new')).toBe('new');
      expect(await cache.getOrLoad('catalog:lessons:1', async () => 'new')).toBe('new');
      expect(await cache.getOrLoad('catalog:course:2', async () => 'new')).toBe('c2');
    });

    it('should mark in-flight loads with the tag stale', async () => {
      const { cache } = newCache();
      const gate = deferred();
      const slow = cache.getOrLoad(
        'k:1',
        async () => {
          await gate.promise;
          return 'stale';
        },
        { tags: ['t'] },
      );
      await cache.invalidateTags(['t']);
      gate.resolve();
      await slow;
      expect(await cache.getOrLoad('k:1', async () => 'fresh', { tags: ['t'] })).toBe('fresh');
    });
  });

  describe('health and metrics', () => {
    it('should report disabled without Redis', () => {
      expect(newCache().cache.health()).toBe('disabled');
    });

    it('should count hits and misses per namespace', async () => {
      const { cache, metrics } = newCache();
      await cache.getOrLoad('catalog:course:1', async () => 1);
      await cache.getOrLoad('catalog:course:1', async () => 1);
      await cache.getOrLoad('catalog:course:1', async () => 1);
      await cache.getOrLoad('nokey', async () => 1);
      const text = await metrics.metrics();
      expect(text).toContain('cache_requests_total{namespace="catalog",result="hit"} 2');
      expect(text).toContain('cache_requests_total{namespace="catalog",result="miss"} 1');
      expect(text).toContain('cache_requests_total{namespace="default",result="miss"} 1');
    });
  });
});

describe('getOrLoadText', () => {
  it('should keep a text value verbatim, load it once, and drop it with its tags', async () => {
    const { cache } = newCache();
    const body = '{"ok":true,"data":{"title":"Optics \\u00e9"}}\n';
    const loader = countingLoader(body);
    expect(await cache.getOrLoadText('catalog:body:1', loader, { tags: ['course:1'] })).toBe(body);
    expect(await cache.getOrLoadText('catalog:body:1', loader)).toBe(body);
    expect(loader.calls).toBe(1);
    await cache.invalidateTags(['course:1']);
    expect(await cache.getOrLoadText('catalog:body:1', async () => 'fresh')).toBe('fresh');
  });
});
