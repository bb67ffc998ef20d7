import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config/index.js';
import { notFoundHandler } from '../http/error-handler.js';
import type { RedisClients } from '../redis/index.js';
import { registerRateLimit } from './rate-limit.js';
import { registerUnderPressure } from './under-pressure.js';

export interface LimitsOptions {
  config: Config;
  /** Shared connections for rate-limit counters; in-process counters without them. */
  redis?: RedisClients;
}

/** Rate limits (routes and the 404 handler) and load shedding. Register before any route. */
async function limitsPlugin(app: FastifyInstance, { config, redis }: LimitsOptions) {
  await registerUnderPressure(app, config);
  await registerRateLimit(app, config, redis);
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, notFoundHandler);
}

export const limits = fp(limitsPlugin, {
  name: 'lectern-limits',
  fastify: '5.x',
  dependencies: ['lectern-http'],
});
