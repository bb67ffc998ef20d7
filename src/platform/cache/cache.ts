import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { RedisClients } from '../redis/index.js';
import {
  type CacheOperation,
  type CacheStats,
  createCacheCounters,
  registerCacheMetrics,
} from './cache-metrics.js';
import { toJsonPayload } from './json-payload.js';
import { createLocalStore } from './local-store.js';
import { namespaceOf } from './namespace.js';
import { createOutageTracker } from './outage.js';
import { createRedisStore, type InvalidationMessage } from './redis-store.js';

export type CacheHealth = 'ok' | 'degraded' | 'disabled';

export interface LoadOptions {
  /** Seconds to keep the value (fractions allowed); the cache's default otherwise. */
  ttl?: number;
  /** Invalidating any of these tags drops the value. */
  tags?: readonly string[];
}

export interface Cache {
  /**
   * The cached value of `key`, or the loader's result, cached. Concurrent misses of one key in
   * this process share a single load. Values must be JSON DTOs (see `toJsonPayload`); every call
   * gets its own copy, parsed from JSON, so a hit and a miss return equal values. Loader errors
   * reach every waiting caller and are not cached.
   */
  getOrLoad<T>(key: string, loader: () => Promise<T>, options?: LoadOptions): Promise<T>;
  /**
   * As `getOrLoad`, for a value that is already text (a serialized response body): stored and
   * returned verbatim, so a hit costs neither a parse nor a serialization.
   */
  getOrLoadText(key: string, loader: () => Promise<string>, options?: LoadOptions): Promise<string>;
  /** Drops keys here, in Redis and (through pub/sub) in every other process. */
  invalidate(keys: string | readonly string[]): Promise<void>;
  invalidateTags(tags: readonly string[]): Promise<void>;
  /** `disabled`: no Redis configured (L1 only). `degraded`: Redis configured but failing. */
  health(): CacheHealth;
  /** Counts behind the metrics; `registerCacheMetrics(registry, cache)` exports them. */
  stats(): CacheStats;
  /** Stops listening for invalidations. The Redis connections belong to the caller. */
  close(): Promise<void>;
}

export interface CacheOptions {
  /** Shared connections; without them the cache is in-process only. */
  redis?: RedisClients;
  maxEntries: number;
  defaultTtlSeconds: number;
  log: Pick<Logger, 'warn' | 'info'>;
  /** Registers `cache_requests_total` and `cache_errors_total` here when given (see stats()). */
  metrics?: Registry;
  /** Namespace of this cache's Redis keys and channel. */
  redisPrefix?: string;
  /** Invalidations that failed to reach Redis and are replayed on reconnect, at most. */
  maxPendingInvalidations?: number;
  /** How often to check on Redis while it is failing. Default 2000. */
  probeIntervalMs?: number;
  now?: () => number;
}

interface Flight {
  promise: Promise<{ payload: string; hit: boolean }>;
  tags: readonly string[];
  /** Set by an invalidation during the load: the result is returned but not cached. */
  stale: boolean;
}

/**
 * The two-level cache: L1 in-process LRU, L2 Redis shared by all processes.
 *
 * A miss racing an invalidation must not re-populate what was just invalidated. In this
 * process, each load in flight is marked stale by an invalidation of its key or tags (local or
 * received by pub/sub): it still answers its callers but writes nothing, and later callers start
 * a fresh load instead of joining it. Across processes, the L2 write is conditional on the key's
 * and tags' generations seen at lookup (see redis-store.ts), and L1 is written only if L2 was.
 */
export function createCache(options: CacheOptions): Cache {
  const { redis, log, now = Date.now, maxPendingInvalidations = 10_000 } = options;
  const origin = randomUUID();
  const metrics = createCacheCounters();
  const local = createLocalStore(options.maxEntries, now);
  const l2 = redis
    ? createRedisStore(redis.command, options.redisPrefix ?? `${redis.keyPrefix}cache:`)
    : null;
  const flights = new Map<string, Flight>();

  // Invalidations that could not reach Redis: replayed when it is back, so neither L2 nor the
  // other processes keep what this process invalidated during the outage.
  const pending = { keys: new Set<string>(), tags: new Set<string>(), overflow: false };
  const outage = createOutageTracker({
    log,
    probe: () => (redis ? redis.command.ping() : Promise.resolve()),
    onRecovered: () => void resync(),
    probeIntervalMs: options.probeIntervalMs,
  });
  const redisFailed = (operation: CacheOperation, err: unknown) => {
    metrics.error(operation);
    outage.failed(operation, err);
  };
  const redisWorked = () => outage.worked();

  const dropLocal = (keys: readonly string[], tags: readonly string[]) => {
    for (const key of keys) {
      local.delete(key);
      const flight = flights.get(key);
      if (flight) {
        flight.stale = true;
        flights.delete(key);
      }
    }
    if (tags.length === 0) return;
    local.deleteTags(tags);
    for (const [key, flight] of flights) {
      if (flight.tags.some((t) => tags.includes(t))) {
        flight.stale = true;
        flights.delete(key);
      }
    }
  };
  const dropAllLocal = () => {
    local.clear();
    for (const flight of flights.values()) flight.stale = true;
    flights.clear();
  };

  const load = (key: string, loadPayload: () => Promise<string>, ttlMs: number, tags: string[]) => {
    const flight: Flight = { tags, stale: false, promise: undefined as never };
    flights.set(key, flight);
    flight.promise = (async () => {
      let generations: string[] | null = null;
      if (l2) {
        try {
          const { hit, generations: seen } = await l2.lookup(key, tags);
          redisWorked();
          if (hit && hit.expiresAt > now()) {
            if (!flight.stale) local.set(key, { ...hit, tags });
            return { payload: hit.payload, hit: true };
          }
          generations = seen;
        } catch (err) {
          redisFailed('lookup', err);
        }
      }
      const payload = await loadPayload();
      const expiresAt = now() + ttlMs;
      let cacheable = !flight.stale;
      if (l2 && generations && cacheable) {
        try {
          cacheable = await l2.store(key, payload, expiresAt, ttlMs, tags, generations);
          redisWorked();
        } catch (err) {
          redisFailed('store', err);
        }
      }
      if (cacheable && !flight.stale) local.set(key, { payload, expiresAt, tags });
      return { payload, hit: false };
    })().finally(() => {
      if (flights.get(key) === flight) flights.delete(key);
    });
    return flight;
  };

  const sendToRedis = async (keys: string[], tags: string[]): Promise<boolean> => {
    if (!l2) return true;
    const message: InvalidationMessage = { o: origin };
    try {
      if (keys.length > 0) await l2.invalidateKeys(keys, { ...message, k: keys });
      if (tags.length > 0) await l2.invalidateTags(tags, { ...message, t: tags });
      redisWorked();
      return true;
    } catch (err) {
      redisFailed('invalidate', err);
      return false;
    }
  };
  const remember = (keys: string[], tags: string[]) => {
    for (const key of keys) pending.keys.add(key);
    for (const tag of tags) pending.tags.add(tag);
    if (pending.keys.size + pending.tags.size > maxPendingInvalidations) {
      pending.overflow = true;
      pending.keys.clear();
      pending.tags.clear();
    }
  };

  let replaying = false;
  /** After a reconnect or the end of an outage: catch up on what was missed either way. */
  const resync = async () => {
    // Invalidations published while this process was cut off were missed: L1 may be stale.
    dropAllLocal();
    // Each connection's 'ready' lands here; the one that completes the pair does the work.
    if (!redis || !l2 || replaying || !redis.isReady()) return;
    replaying = true;
    try {
      await redis.command.ping();
      redisWorked();
      if (pending.overflow) {
        await l2.invalidateAll({ o: origin, all: true });
        pending.overflow = false;
      } else if (pending.keys.size + pending.tags.size > 0) {
        const keys = [...pending.keys];
        const tags = [...pending.tags];
        pending.keys.clear();
        pending.tags.clear();
        if (!(await sendToRedis(keys, tags))) remember(keys, tags);
      }
    } catch (err) {
      redisFailed('replay', err);
    } finally {
      replaying = false;
    }
  };

  const onMessage = (channel: string, raw: string) => {
    if (!l2 || channel !== l2.channel) return;
    let message: InvalidationMessage;
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (message.o === origin) return;
    if (message.all) dropAllLocal();
    else dropLocal(message.k ?? [], message.t ?? []);
  };
  const onReady = () => void resync();
  if (redis && l2) {
    redis.subscriber.on('message', onMessage);
    redis.subscriber.subscribe(l2.channel).catch((err) => redisFailed('subscribe', err));
    redis.command.on('ready', onReady);
    redis.subscriber.on('ready', onReady);
  }

  const payloadOf = async (
    key: string,
    loadPayload: () => Promise<string>,
    opts: LoadOptions,
  ): Promise<string> => {
    const namespace = namespaceOf(key);
    const entry = local.get(key);
    if (entry) {
      metrics.request(namespace, 'hit');
      return entry.payload;
    }
    const ttlMs = (opts.ttl ?? options.defaultTtlSeconds) * 1000;
    const flight = flights.get(key) ?? load(key, loadPayload, ttlMs, [...(opts.tags ?? [])]);
    const { payload, hit } = await flight.promise;
    metrics.request(namespace, hit ? 'hit' : 'miss');
    return payload;
  };

  const cache: Cache = {
    async getOrLoad<T>(key: string, loader: () => Promise<T>, opts: LoadOptions = {}) {
      const payload = await payloadOf(key, async () => toJsonPayload(await loader(), key), opts);
      return JSON.parse(payload) as T;
    },
    getOrLoadText(key, loader, opts = {}) {
      return payloadOf(key, loader, opts);
    },
    async invalidate(keys) {
      const list = typeof keys === 'string' ? [keys] : [...keys];
      dropLocal(list, []);
      if (!(await sendToRedis(list, []))) remember(list, []);
    },
    async invalidateTags(tags) {
      const list = [...tags];
      dropLocal([], list);
      if (!(await sendToRedis([], list))) remember([], list);
    },
    stats: () => metrics.stats(),
    health() {
      if (!redis) return 'disabled';
      return outage.failing || !redis.isReady() ? 'degraded' : 'ok';
    },
    async close() {
      outage.stop();
      if (!redis || !l2) return;
      redis.subscriber.off('message', onMessage);
      redis.command.off('ready', onReady);
      redis.subscriber.off('ready', onReady);
      if (redis.subscriber.status === 'ready') {
        await redis.subscriber.unsubscribe(l2.channel).catch(() => {});
      }
    },
  };
  if (options.metrics) registerCacheMetrics(options.metrics, cache);
  return cache;
}
