export type { Cache, CacheHealth, CacheOptions, LoadOptions } from './cache.js';
export { createCache } from './cache.js';
export { type CacheStats, registerCacheMetrics } from './cache-metrics.js';
export { toJsonPayload } from './json-payload.js';
