export * from './breaker-metrics.js';
export * from './circuit-breaker.js';
export * from './outbound-fetch.js';
export * from './retry.js';
