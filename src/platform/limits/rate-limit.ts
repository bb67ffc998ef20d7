import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config/index.js';
import { AppError } from '../errors/index.js';
import type { RedisClients } from '../redis/index.js';
import { leasedRedisStore } from './leased-redis-store.js';

/** Whose budget a request spends: the API key, the user, or the client IP when anonymous. */
export function rateLimitKey(request: FastifyRequest): string {
  const principal = request.principal;
  if (principal?.apiKeyId) return `key:${principal.apiKeyId}`;
  if (principal) return `user:${principal.userId}`;
  return `ip:${request.ip}`;
}

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Spends one request of the client's anonymous (per-IP) budget for a failed authentication;
     * throws the 429 once it is spent. Authentication calls it before refusing credentials.
     */
    spendFailedAuthentication?: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

const rateLimited = (ttlMs: number, after: string) =>
  new AppError('rate_limited', 'RATE_LIMITED', `Too many requests; retry in ${after}`, {
    retryAfter: Math.max(1, Math.ceil(ttlMs / 1000)),
  });

/**
 * Per-minute budgets: `RATE_LIMIT_ANON` per IP, `RATE_LIMIT_AUTH` per user or API key. Counted
 * in a route-level onRequest hook: after the app-level authentication hook (so a signed-in user
 * gets their own budget) but before route guards and body parsing (so rejected and oversized
 * requests count too). Counters live in Redis when configured so every process shares them,
 * taken in leases of 1 % of the budget (`leasedRedisStore`) rather than a round trip per request.
 * A route can override with `config: { rateLimit: { max, timeWindow } }` or opt out with
 * `rateLimit: false`. Failed authentication spends the anonymous budget of the client's IP
 * (`spendFailedAuthentication`).
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
    ...(redis ? { store: leasedRedisStore(redis.command, `${redis.keyPrefix}rate-limit:`) } : {}),
    // A Redis outage must not take the API down with it: requests pass uncounted meanwhile.
    skipOnError: true,
    errorResponseBuilder: (_request, context) => rateLimited(context.ttl, context.after),
  });

  // Without a principal the key is the client's IP: the same counter anonymous requests spend,
  // shared through Redis like theirs, so guessing keys or tokens is bounded in every process.
  const anonymousBudget = app.createRateLimit();
  app.decorate(
    'spendFailedAuthentication',
    async (request: FastifyRequest, reply: FastifyReply) => {
      const verdict = await anonymousBudget(request);
      if (verdict.isAllowed) return;
      reply.header('X-RateLimit-Limit', verdict.max);
      reply.header('X-RateLimit-Remaining', verdict.remaining);
      reply.header('X-RateLimit-Reset', verdict.ttlInSeconds);
      if (verdict.isExceeded) throw rateLimited(verdict.ttl, `${verdict.ttlInSeconds} seconds`);
    },
  );
}
