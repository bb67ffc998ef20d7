import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Registry } from 'prom-client';
import { Type } from 'typebox';
import type { Cache } from '../cache/index.js';
import type { Config } from '../config/index.js';
import { type DatabaseHandle, reportAfterCommitFailures } from '../db/index.js';
import { AppError, unauthorized } from '../errors/index.js';
import { Envelope, errorResponses, ok } from '../http/envelope.js';
import { OPERATIONAL } from '../http/operational.js';
import type { RedisClients } from '../redis/index.js';
import { breakerStates } from '../resilience/index.js';
import { createMetricsRegistry, observeRequests } from './metrics.js';
import { createOpsAccess } from './ops-access.js';
import { createReadinessCheck } from './readiness.js';

export interface ObservabilityOptions {
  config: Config;
  database: DatabaseHandle;
  version: string;
  redis?: RedisClients;
  cache?: Cache;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's Prometheus registry: platform parts and modules register their metrics here. */
    metrics: Registry;
  }
}

const HealthSchema = Envelope(
  Type.Object({
    status: Type.Literal('ok'),
    uptime: Type.Number({ description: 'seconds since the process started' }),
    version: Type.String(),
  }),
);

const CheckSchema = Type.String({ description: '`ok`, `disabled`, or why the check failed' });
const ReadySchema = Envelope(
  Type.Object({
    status: Type.Union([Type.Literal('ready'), Type.Literal('degraded')], {
      description: '`degraded`: serving, but Redis or an outbound dependency is failing',
    }),
    checks: Type.Optional(
      Type.Object({
        database: CheckSchema,
        migrations: CheckSchema,
        redis: CheckSchema,
        cache: Type.Union([Type.Literal('ok'), Type.Literal('degraded'), Type.Literal('disabled')]),
        breakers: Type.Array(
          Type.Object({
            name: Type.String(),
            state: Type.Union([
              Type.Literal('closed'),
              Type.Literal('open'),
              Type.Literal('half_open'),
            ]),
          }),
        ),
      }),
    ),
    failures: Type.Optional(
      Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
    ),
  }),
);

/**
 * Metrics tell an attacker the routes, their traffic and the pool's state: in production they
 * are served only behind `METRICS_TOKEN`.
 */
function metricsServed(config: Config, app: FastifyInstance): boolean {
  if (!config.METRICS_ENABLED) return false;
  if (config.NODE_ENV !== 'production' || config.METRICS_TOKEN) return true;
  app.log.warn('/metrics is off: in production it needs METRICS_TOKEN');
  return false;
}

/** `/health` (liveness), `/ready` (readiness), `/metrics` (Prometheus) and request metrics. */
async function observabilityPlugin(
  app: FastifyInstance,
  { config, database, version, redis, cache }: ObservabilityOptions,
) {
  const registry = createMetricsRegistry(database);
  app.decorate('metrics', registry);
  observeRequests(app, registry);
  const readiness = createReadinessCheck({
    database,
    redis,
    cacheHealth: cache ? () => cache.health() : undefined,
    breakers: breakerStates,
  });
  const access = createOpsAccess(app, config.METRICS_TOKEN);
  // The write committed and the request answers as such; what failed after it (a cache
  // invalidation, a revocation) is logged, with the request's id from the logger's mixin.
  const stopReporting = reportAfterCommitFailures(database.db, (err) =>
    app.log.error({ err }, 'after-commit task failed'),
  );
  app.addHook('onClose', async () => stopReporting());

  app.get(
    '/health',
    {
      config: OPERATIONAL,
      schema: {
        tags: ['ops'],
        summary: 'Liveness: the process is up and serving HTTP',
        response: { 200: HealthSchema },
      },
    },
    async () => ok({ status: 'ok' as const, uptime: process.uptime(), version }),
  );

  app.get(
    '/ready',
    {
      config: OPERATIONAL,
      schema: {
        tags: ['ops'],
        summary: 'Readiness: the database answers and migrations are applied',
        description:
          '503 `NOT_READY` without the database or with pending migrations. Redis down, the cache degraded or an open circuit breaker answer 200 with `status: degraded`. `checks` and `failures` (and the details of a 503) only with `Bearer METRICS_TOKEN` or an admin access token.',
        response: { 200: ReadySchema, ...errorResponses(503) },
      },
    },
    async (request) => {
      const [{ status, checks, failures }, detailed] = await Promise.all([
        readiness(),
        access.maySeeDetails(request),
      ]);
      if (status === 'not_ready')
        throw new AppError('dependency_unavailable', 'NOT_READY', 'Not ready to serve requests', {
          retryAfter: 5,
          ...(detailed ? { details: failures } : {}),
        });
      return ok(detailed ? { status, checks, failures } : { status });
    },
  );

  if (!metricsServed(config, app)) return;
  const token = config.METRICS_TOKEN;
  app.get(
    '/metrics',
    {
      config: OPERATIONAL,
      schema: {
        tags: ['ops'],
        summary: 'Prometheus metrics (Bearer METRICS_TOKEN when configured)',
        ...(token ? { security: [{ metricsToken: [] }] } : {}),
        response: {
          200: {
            description: 'Prometheus text exposition format',
            content: { [registry.contentType]: { schema: Type.String() } },
          },
          ...errorResponses(401),
        },
      },
    },
    async (request, reply) => {
      if (token && !access.hasMetricsToken(request))
        throw unauthorized('A valid metrics token is required', 'METRICS_TOKEN_REQUIRED');
      reply.type(registry.contentType);
      return registry.metrics();
    },
  );
}

export const observability = fp(observabilityPlugin, {
  name: 'lectern-observability',
  fastify: '5.x',
  dependencies: ['lectern-http'],
});
