export type { Cache, CacheHealth, CacheOptions, LoadOptions } from './cache.js';
export { createCache } from './cache.js';
export { toJsonPayload } from './json-payload.js';
