import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config/index.js';
import { AppError } from '../errors/index.js';
import type { RedisClients } from '../redis/index.js';

/** Whose budget a request spends: the API key, the user, or the client IP when anonymous. */
export function rateLimitKey(request: FastifyRequest): string {
  const principal = request.principal;
  if (principal?.apiKeyId) return `key:${principal.apiKeyId}`;
  if (principal) return `user:${principal.userId}`;
  return `ip:${request.ip}`;
}

/**
 * Per-minute budgets: `RATE_LIMIT_ANON` per IP, `RATE_LIMIT_AUTH` per user or API key. Counted
 * in a route-level onRequest hook: after the app-level authentication hook (so a signed-in user
 * gets their own budget) but before route guards and body parsing (so rejected and oversized
 * requests count too). Counters live in Redis when configured so every process shares them. A route can override with
 * `config: { rateLimit: { max, timeWindow } }` or opt out with `rateLimit: false`.
 */
export async function registerRateLimit(
  app: FastifyInstance,
  config: Config,
  redis?: RedisClients,
): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    timeWindow: 60_000,
    keyGenerator: rateLimitKey,
    max: (_request, key) =>
      key.startsWith('ip:') ? config.RATE_LIMIT_ANON : config.RATE_LIMIT_AUTH,
    allowList: (request) => request.routeOptions.config.operational === true,
    ...(redis ? { redis: redis.command, nameSpace: `${redis.keyPrefix}rate-limit:` } : {}),
    // A Redis outage must not take the API down with it: requests pass uncounted meanwhile.
    skipOnError: true,
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', 'RATE_LIMITED', `Too many requests; retry in ${context.after}`, {
        retryAfter: Math.max(1, Math.ceil(context.ttl / 1000)),
      }),
  });
}
