import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

/** Share of a budget one process takes from Redis at a time. */
const LEASE_SHARE = 0.01;
/** Keys whose lease a process remembers; a forgotten one is leased again. */
const MAX_LEASES = 10_000;

// Counts `size` requests at once and starts the window on the first; answers the total and the
// window's remaining milliseconds. A key left without expiry (should never be) gets one too.
const LEASE_SCRIPT = `
local current = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {current, ttl}
`;

interface Lease {
  /** Requests this process may still serve without asking Redis. */
  tokens: number;
  /** The shared count as of the last request served from this lease. */
  count: number;
  /** When the shared window ends (ms since the epoch). */
  resetAt: number;
}

type LeaseCommand = (key: string, size: number, windowMs: number) => Promise<[number, number]>;

/**
 * A rate-limit store on Redis that asks Redis once per lease rather than once per request: a
 * process takes `max(1, 1 % of the budget)` requests of a key's window at a time (`INCRBY`, so
 * they are counted at once for every process) and serves them locally. Budgets under 100 a window
 * are therefore counted exactly, request by request. No process can overshoot the budget; a
 * process holding unspent tokens makes the others refuse early, by at most one lease each (1 %
 * of the budget per other process). Once the shared count has reached the budget, this process
 * refuses locally until the window ends.
 */
export function leasedRedisStore(redis: Redis, prefix: string): FastifyRateLimitStoreCtor {
  if (!('rateLimitLease' in redis))
    redis.defineCommand('rateLimitLease', { numberOfKeys: 1, lua: LEASE_SCRIPT });
  const lease = (redis as unknown as { rateLimitLease: LeaseCommand }).rateLimitLease.bind(redis);

  const storeFor = (namespace: string): FastifyRateLimitStore => {
    const leases = new LRUCache<string, Lease>({ max: MAX_LEASES });
    // One lease request in flight per key: concurrent requests wait for it rather than each
    // taking a lease of its own.
    const pending = new Map<string, Promise<void>>();

    const renew = (key: string, windowMs: number, max: number): Promise<void> => {
      const size = Math.max(1, Math.floor(max * LEASE_SHARE));
      const request = lease(namespace + key, size, windowMs)
        .then(([total, ttl]) => {
          const before = total - size;
          leases.set(key, {
            tokens: Math.max(0, Math.min(size, max - before)),
            count: before,
            resetAt: Date.now() + ttl,
          });
        })
        .finally(() => pending.delete(key));
      pending.set(key, request);
      return request;
    };

    async function spend(key: string, windowMs: number, max: number) {
      for (;;) {
        const now = Date.now();
        const current = leases.get(key);
        if (current && current.resetAt > now) {
          const ttl = current.resetAt - now;
          if (current.tokens > 0) {
            current.tokens--;
            current.count++;
            return { current: current.count, ttl };
          }
          if (current.count >= max) return { current: current.count + 1, ttl };
        }
        await (pending.get(key) ?? renew(key, windowMs, max));
      }
    }

    return {
      incr(key, callback, timeWindow, max) {
        spend(key, timeWindow, max).then(
          (result) => callback(null, result),
          (err: Error) => callback(err),
        );
      },
      // A route with its own limits counts under its own keys, as @fastify/rate-limit's stores
      // do; it hands over the merged limit options, with the route under `routeInfo`.
      child: (options) => {
        const route = (options as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo;
        return storeFor(`${namespace}${String(route?.method ?? '')}${String(route?.url ?? '')}-`);
      },
    };
  };

  // @fastify/rate-limit constructs its store from a class.
  return class LeasedRedisStore implements FastifyRateLimitStore {
    private readonly store = storeFor(prefix);
    incr: FastifyRateLimitStore['incr'] = (...args) => this.store.incr(...args);
    child: FastifyRateLimitStore['child'] = (route) => this.store.child(route);
  };
}
