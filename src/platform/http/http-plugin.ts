import compress from '@fastify/compress';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config/index.js';
import { installDeprecation } from './deprecation.js';
import { ErrorEnvelopeSchema } from './envelope.js';
import { installErrorHandlers } from './error-handler.js';
import { installEtag } from './etag.js';
import { installIdempotency } from './idempotency.js';
import { documentConventions } from './openapi-conventions.js';
import { cursorKeyFrom } from './pagination.js';
import { redactUrl } from './redact-url.js';
import { enterContext } from './request-context.js';
import { securityHeaders } from './security-headers.js';

export interface HttpPluginOptions {
  config: Config;
  version: string;
}

/** HTTP conventions every route shares: headers, envelopes, errors, request ids, OpenAPI. */
async function httpPlugin(app: FastifyInstance, { config, version }: HttpPluginOptions) {
  app.addSchema(ErrorEnvelopeSchema);

  // Without the app's context (a bare app around a few routes in a test), the process's key.
  const cursorKey = app.hasDecorator('lectern') ? cursorKeyFrom(app.lectern.jwtSecret) : undefined;
  const security = await securityHeaders({
    // The docs UI and the dashboard load their scripts and styles from this origin, nothing external.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        // 'self' covers this origin's ws:/wss: (CSP 3): the dashboard reaches /ws and nothing else.
        connectSrc: ["'self'"],
      },
    },
  });
  // Callback hooks, not async ones: these run for every request, and each promise costs.
  app.addHook('onRequest', (request, reply, done) => {
    enterContext({ requestId: request.id, ip: request.ip, cursorKey });
    reply.headers(security);
    reply.header('X-Request-Id', request.id);
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        url: redactUrl(request.url),
        route: request.routeOptions.url,
        statusCode: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
      },
      'request completed',
    );
    done();
  });

  installErrorHandlers(app);
  // Before compression and the OpenAPI generator: these read JSON bodies and route schemas.
  installEtag(app);
  installDeprecation(app);
  installIdempotency(app, () => app.lectern.database.db);

  const allowed = config.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  // No allowed origin, no CORS hook: it ran on every request only to send headers that grant
  // nothing without `Access-Control-Allow-Origin`.
  if (allowed.length > 0)
    await app.register(cors, {
      origin: allowed,
      credentials: true,
      exposedHeaders: [
        'X-Request-Id',
        'ETag',
        'Link',
        'Retry-After',
        'X-RateLimit-Limit',
        'X-RateLimit-Remaining',
        'X-RateLimit-Reset',
        'Deprecation',
        'Sunset',
        'Idempotent-Replayed',
      ],
    });
  await app.register(compress, { global: true, threshold: 1024 });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lectern API',
        version,
        description:
          'Courses, timetables, engagement and a science-data archive. Every response is an envelope: `{ok:true,data,meta?}` or `{ok:false,error:{code,message,details?},requestId}`.\n\n' +
          'Lists are cursor-paginated (`limit`, `cursor`, `meta.nextCursor`, `Link: rel="next"`). POSTs honour `Idempotency-Key` (replayed for 24 h with `Idempotent-Replayed: true`; 409 `IDEMPOTENCY_KEY_REUSED` or `IDEMPOTENCY_IN_PROGRESS`; responses with a one-time secret are never replayed: 409 `IDEMPOTENCY_KEY_NOT_REPLAYABLE`). Single resources carry an `ETag` (`If-None-Match` → 304); writes of versioned resources take that ETag in `If-Match` (RFC 9110: a list matches when any member does, `*` matches, weak tags never match; 412 `VERSION_MISMATCH` with the current `ETag`, 428 `PRECONDITION_REQUIRED` only when required and absent) and answer with the new `ETag`. Rate limits per IP or per user/API key (`X-RateLimit-*`, 429 with `Retry-After`); 503 with `Retry-After` when overloaded. Deprecated operations send `Deprecation` and `Sunset`.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
          metricsToken: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN' },
        },
      },
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
    transformObject: (document) =>
      documentConventions(
        'openapiObject' in document ? document.openapiObject : document.swaggerObject,
      ),
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

export const httpConventions = fp(httpPlugin, { name: 'lectern-http', fastify: '5.x' });
