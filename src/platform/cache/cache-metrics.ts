import { Counter, type Registry } from 'prom-client';

export type CacheOperation = 'lookup' | 'store' | 'invalidate' | 'replay' | 'subscribe';

export interface CacheMetrics {
  request(namespace: string, result: 'hit' | 'miss'): void;
  error(operation: CacheOperation): void;
}

/**
 * `cache_requests_total{namespace,result=hit|miss}` and `cache_errors_total{operation}` (Redis
 * operations that failed). Registered on `registry` when given, otherwise counted but unexported.
 */
export function createCacheMetrics(registry?: Registry): CacheMetrics {
  const registers = registry ? [registry] : [];
  const requests = new Counter({
    name: 'cache_requests_total',
    help: 'Cache lookups by namespace (key prefix) and result; a hit may come from L1 or Redis',
    labelNames: ['namespace', 'result'] as const,
    registers,
  });
  const errors = new Counter({
    name: 'cache_errors_total',
    help: 'Cache operations on Redis that failed (the cache then serves from L1 and loaders)',
    labelNames: ['operation'] as const,
    registers,
  });
  return {
    request: (namespace, result) => requests.inc({ namespace, result }),
    error: (operation) => errors.inc({ operation }),
  };
}
