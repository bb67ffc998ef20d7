export * from './redis-clients.js';
