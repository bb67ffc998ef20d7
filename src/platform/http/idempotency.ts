import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/index.js';
import { AppError, conflict, validationError } from '../errors/index.js';
import { canonicalJson } from './idempotency-canonical.js';
import { claimKey, completeKey, findKey, releaseKey } from './idempotency-repository.js';
import { prependRouteHook } from './route-hooks.js';

const TTL_MS = 24 * 3_600_000;
/** A key still in flight after this long belongs to a crashed process and may be taken over. */
const ABANDONED_AFTER_MS = 60_000;
const REPLAYED_HEADERS = ['content-type', 'location', 'etag', 'link'];
const KEY = /^[\x21-\x7e]{1,255}$/;

interface Claim {
  principal: string;
  key: string;
  done: boolean;
}

/**
 * Whose key it is: keys of different callers never collide. Anonymous callers are known only by
 * their address, which a whole school may share behind one NAT; their records are also keyed by
 * the request's own hash, so a stored response is only ever replayed to a request identical to
 * the first one (same body, same credentials in it), never to a neighbour who picked the same key.
 */
export function idempotencyScope(request: FastifyRequest, hash: string): string {
  const principal = request.principal;
  if (principal?.apiKeyId) return `key:${principal.apiKeyId}`;
  if (principal) return `user:${principal.userId}`;
  return `ip:${request.ip}:${hash}`;
}

export const requestHash = (request: FastifyRequest): string =>
  createHash('sha256')
    .update(`${request.method}\n${request.url}\n${canonicalJson(request.body)}`)
    .digest('base64url');

/** Property names that hold a credential shown once. */
const SECRET_FIELDS = new Set(['accessToken', 'refreshToken', 'secret', 'key', 'token']);

const successSchemas = (response: unknown): unknown[] =>
  response && typeof response === 'object'
    ? Object.entries(response)
        .filter(([status]) => /^2/.test(status))
        .map(([, schema]) => schema)
    : [];

/** The first secret-looking property name anywhere in these JSON schemas, if any. */
function secretFieldIn(schemas: unknown[]): string | undefined {
  const stack = [...schemas];
  for (let seen = 0; stack.length > 0 && seen < 10_000; seen++) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    const { properties, items, anyOf, oneOf, allOf } = node as Record<string, unknown>;
    if (properties && typeof properties === 'object') {
      for (const [name, child] of Object.entries(properties)) {
        if (SECRET_FIELDS.has(name)) return name;
        stack.push(child);
      }
    }
    stack.push(
      items,
      ...[anyOf, oneOf, allOf].flatMap((list) => (Array.isArray(list) ? list : [])),
    );
  }
  return undefined;
}

/** Whether a response may be kept for replay: not when the route or the response says no-store. */
function mayStore(request: FastifyRequest, reply: FastifyReply): boolean {
  // Error envelopes carry no secret: a failed login is replayed like any other 4xx.
  if (reply.statusCode >= 400) return true;
  if (request.routeOptions.config?.idempotency === 'no-store') return false;
  const cacheControl = reply.getHeader('cache-control');
  return !(typeof cacheControl === 'string' && /(^|[\s,])no-store($|[\s,;])/i.test(cacheControl));
}

/**
 * POSTs sent with an `Idempotency-Key` run once per caller and key: the first response (status,
 * JSON body, Location…) is kept for 24 h and replayed with `Idempotent-Replayed: true`. The
 * same key with another request is a 409 `IDEMPOTENCY_KEY_REUSED`; a duplicate while the first
 * is still running is a 409 `IDEMPOTENCY_IN_PROGRESS`. A 5xx is not kept, so a retry runs again.
 * Responses that carry a secret (tokens, API keys, signing secrets) are never kept: their routes
 * declare `config.idempotency: 'no-store'` (or the response says `Cache-Control: no-store`), and
 * a retry with the same key, in flight or after, is a 409 `IDEMPOTENCY_KEY_NOT_REPLAYABLE`.
 */
export function installIdempotency(app: FastifyInstance, db: () => Database): void {
  const claims = new WeakMap<FastifyRequest, Claim>();

  // Only POST routes get the hooks, first among their own as application hooks would run: a GET
  // pays nothing for a convention it never uses.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.includes('POST')) return;
    // Default-safe: a POST whose success response documents a secret must say what to do with it.
    const secret = route.config?.idempotency
      ? undefined
      : secretFieldIn(successSchemas(route.schema?.response));
    if (secret)
      throw new Error(
        `POST ${route.url} answers with "${secret}": declare config.idempotency ('no-store' for a one-time secret)`,
      );
    prependRouteHook(route, 'preHandler', claimOrReplay);
    prependRouteHook(route, 'onSend', storeResponse);
    prependRouteHook(route, 'onResponse', releaseClaim);
    prependRouteHook(route, 'onRequestAbort', releaseClaim);
  });

  async function claimOrReplay(request: FastifyRequest, reply: FastifyReply) {
    if (request.method !== 'POST') return;
    const header = request.headers['idempotency-key'];
    if (header === undefined) return;
    if (typeof header !== 'string' || !KEY.test(header))
      throw validationError(
        'Idempotency-Key must be 1 to 255 visible ASCII characters',
        [{ path: '/headers/idempotency-key', message: 'is invalid' }],
        'INVALID_IDEMPOTENCY_KEY',
      );
    const hash = requestHash(request);
    const principal = idempotencyScope(request, hash);
    const noStore = request.routeOptions.config?.idempotency === 'no-store';
    const now = new Date();
    const claimed = await claimKey(
      db(),
      {
        principal,
        key: header,
        method: request.method,
        path: request.url,
        requestHash: hash,
        expiresAt: new Date(now.getTime() + TTL_MS),
      },
      now,
      new Date(now.getTime() - ABANDONED_AFTER_MS),
    );
    if (claimed) {
      claims.set(request, { principal, key: header, done: false });
      return;
    }
    const record = await findKey(db(), principal, header);
    // Released or expired between the two statements: one retry is the client's job.
    if (!record || record.requestHash !== hash) {
      if (!record) throw inProgress();
      throw conflict(
        'This Idempotency-Key was already used for a different request',
        'IDEMPOTENCY_KEY_REUSED',
      );
    }
    // A secret-bearing request in flight will not be replayable either: say so at once.
    if (record.statusCode === null) throw noStore ? notReplayable() : inProgress();
    if (record.responseBody === null) throw notReplayable();
    reply.code(record.statusCode);
    reply.headers(record.responseHeaders ?? {});
    reply.header('Idempotent-Replayed', 'true');
    return reply.send(record.responseBody as string);
  }

  async function storeResponse(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
    const claim = claims.get(request);
    if (!claim || claim.done) return payload;
    claim.done = true;
    try {
      if (reply.statusCode >= 500 || typeof payload !== 'string') {
        await releaseKey(db(), claim.principal, claim.key);
        return payload;
      }
      if (!mayStore(request, reply)) {
        // Kept without its body: the key stays used, and a retry learns it cannot be replayed.
        await completeKey(db(), claim.principal, claim.key, {
          statusCode: reply.statusCode,
          body: null,
          headers: {},
        });
        return payload;
      }
      const headers: Record<string, string> = {};
      for (const name of REPLAYED_HEADERS) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      await completeKey(db(), claim.principal, claim.key, {
        statusCode: reply.statusCode,
        body: payload,
        headers,
      });
    } catch (err) {
      request.log.error({ err }, 'could not record the idempotent response');
    }
    return payload;
  }

  async function releaseClaim(request: FastifyRequest) {
    const claim = claims.get(request);
    if (!claim || claim.done) return;
    claim.done = true;
    await releaseKey(db(), claim.principal, claim.key).catch((err) =>
      request.log.error({ err }, 'could not release an idempotency key'),
    );
  }
}

const inProgress = () =>
  new AppError(
    'conflict',
    'IDEMPOTENCY_IN_PROGRESS',
    'A request with this Idempotency-Key is still being processed; retry shortly',
    { retryAfter: 1 },
  );

const notReplayable = () =>
  conflict(
    'This Idempotency-Key is in use, not replayable: the response carried a secret that is never stored',
    'IDEMPOTENCY_KEY_NOT_REPLAYABLE',
  );

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * `'no-store'` for routes whose response carries a secret shown once (a token pair, an API
     * key, a signing secret): an `Idempotency-Key` then makes the request run at most once, but
     * its response is never kept or replayed. `'store'` says a POST whose response has a
     * secret-looking field (`key`, `token`…) holds nothing secret; undeclared, it stops start-up.
     */
    idempotency?: 'no-store' | 'store';
  }
}
