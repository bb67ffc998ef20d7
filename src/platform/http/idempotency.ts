import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/index.js';
import { AppError, conflict, validationError } from '../errors/index.js';
import { claimKey, completeKey, findKey, releaseKey } from './idempotency-repository.js';

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

/** Whose key it is: keys of different callers never collide. */
export function idempotencyScope(request: FastifyRequest): string {
  const principal = request.principal;
  if (principal?.apiKeyId) return `key:${principal.apiKeyId}`;
  if (principal) return `user:${principal.userId}`;
  return `ip:${request.ip}`;
}

/** JSON with sorted keys, so `{a,b}` and `{b,a}` are the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export const requestHash = (request: FastifyRequest): string =>
  createHash('sha256')
    .update(`${request.method}\n${request.url}\n${canonical(request.body)}`)
    .digest('base64url');

/**
 * POSTs sent with an `Idempotency-Key` run once per caller and key: the first response (status,
 * JSON body, Location…) is kept for 24 h and replayed with `Idempotent-Replayed: true`. The
 * same key with another request is a 409 `IDEMPOTENCY_KEY_REUSED`; a duplicate while the first
 * is still running is a 409 `IDEMPOTENCY_IN_PROGRESS`. A 5xx is not kept, so a retry runs again.
 */
export function installIdempotency(app: FastifyInstance, db: () => Database): void {
  const claims = new WeakMap<FastifyRequest, Claim>();

  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    const header = request.headers['idempotency-key'];
    if (header === undefined) return;
    if (typeof header !== 'string' || !KEY.test(header))
      throw validationError(
        'Idempotency-Key must be 1 to 255 visible ASCII characters',
        [{ path: '/headers/idempotency-key', message: 'is invalid' }],
        'INVALID_IDEMPOTENCY_KEY',
      );
    const principal = idempotencyScope(request);
    const hash = requestHash(request);
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
    if (record.statusCode === null) throw inProgress();
    reply.code(record.statusCode);
    reply.headers(record.responseHeaders ?? {});
    reply.header('Idempotent-Replayed', 'true');
    return reply.send(record.responseBody as string);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = claims.get(request);
    if (!claim || claim.done) return payload;
    claim.done = true;
    try {
      if (reply.statusCode >= 500 || typeof payload !== 'string') {
        await releaseKey(db(), claim.principal, claim.key);
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
  });

  const release = async (request: FastifyRequest) => {
    const claim = claims.get(request);
    if (!claim || claim.done) return;
    claim.done = true;
    await releaseKey(db(), claim.principal, claim.key).catch((err) =>
      request.log.error({ err }, 'could not release an idempotency key'),
    );
  };
  app.addHook('onRequestAbort', release);
  app.addHook('onResponse', release);
}

const inProgress = () =>
  new AppError(
    'conflict',
    'IDEMPOTENCY_IN_PROGRESS',
    'A request with this Idempotency-Key is still being processed; retry shortly',
    { retryAfter: 1 },
  );
