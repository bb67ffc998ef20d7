import { Counter, type Registry } from 'prom-client';

export type CacheOperation = 'lookup' | 'store' | 'invalidate' | 'replay' | 'subscribe';

export interface CacheStats {
  /** Hits and misses per namespace (key prefix); a hit may come from L1 or Redis. */
  requests: Record<string, { hit: number; miss: number }>;
  /** Redis operations that failed, by operation. */
  errors: Partial<Record<CacheOperation, number>>;
}

export interface CacheCounters {
  request(namespace: string, result: 'hit' | 'miss'): void;
  error(operation: CacheOperation): void;
  stats(): CacheStats;
}

export function createCacheCounters(): CacheCounters {
  const stats: CacheStats = { requests: {}, errors: {} };
  return {
    request(namespace, result) {
      stats.requests[namespace] ??= { hit: 0, miss: 0 };
      stats.requests[namespace][result]++;
    },
    error(operation) {
      stats.errors[operation] = (stats.errors[operation] ?? 0) + 1;
    },
    stats: () => stats,
  };
}

/**
 * Registers `cache_requests_total{namespace,result=hit|miss}` and
 * `cache_errors_total{operation}` on `registry`, read from the cache when scraped.
 */
export function registerCacheMetrics(registry: Registry, cache: { stats(): CacheStats }): void {
  new Counter({
    name: 'cache_requests_total',
    help: 'Cache lookups by namespace (key prefix) and result; a hit may come from L1 or Redis',
    labelNames: ['namespace', 'result'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [namespace, counts] of Object.entries(cache.stats().requests)) {
        this.inc({ namespace, result: 'hit' }, counts.hit);
        this.inc({ namespace, result: 'miss' }, counts.miss);
      }
    },
  });
  new Counter({
    name: 'cache_errors_total',
    help: 'Cache operations on Redis that failed (the cache then serves from L1 and loaders)',
    labelNames: ['operation'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [operation, count] of Object.entries(cache.stats().errors)) {
        this.inc({ operation }, count);
      }
    },
  });
}
