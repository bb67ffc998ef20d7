import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { validationError } from '../errors/index.js';
import { appendOnSend } from './route-hooks.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Send an ETag on 200 responses to GET/HEAD and answer a matching `If-None-Match` with 304. */
    etag?: boolean;
  }
}

/** A strong ETag from an entity's version, or from a hash of the serialized body. */
export function etagOf(body: string | Buffer | { version: number }): string {
  if (typeof body === 'object' && !Buffer.isBuffer(body)) return `"${body.version}"`;
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** Weak comparison (RFC 9110 §13.1.2): `If-None-Match` matches `W/"x"` and `"x"` alike. */
export function noneMatch(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  if (header.trim() === '*') return true;
  const wanted = opaque(etag);
  return header.split(',').some((tag) => opaque(tag) === wanted);
}

/**
 * Sends `payload` with an ETag (from `version` when given, else from the JSON), or a bodiless 304
 * when the client's `If-None-Match` already has it. For routes that don't use `config.etag`.
 */
export function sendWithEtag<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: T,
  version?: number,
) {
  const etag = etagOf(version === undefined ? JSON.stringify(payload) : { version });
  reply.header('ETag', etag);
  if (noneMatch(request, etag)) return reply.code(304).send();
  return reply.send(payload);
}

const IF_MATCH = /^\s*(?:W\/)?"(\d{1,15})"\s*$/;

/**
 * The version a client read, from `If-Match: "<version>"` (or `W/"<version>"`), for optimistic
 * locking: the service compares it with the row's and throws `staleVersion` (412) when they
 * differ. Undefined when the header is absent or `*`; a malformed header is a 400.
 */
export function ifMatchVersion(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined || header.trim() === '*') return undefined;
  const match = IF_MATCH.exec(header);
  if (!match)
    throw validationError(
      'If-Match must be one ETag of this resource, such as "3"',
      [{ path: '/headers/if-match', message: 'is not a version ETag' }],
      'INVALID_IF_MATCH',
    );
  return Number(match[1]);
}

/**
 * For routes flagged `config: { etag: true }`: tags successful GET/HEAD bodies and turns a
 * matching `If-None-Match` into 304. Runs before compression so it hashes the JSON itself.
 */
export function installEtag(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (route.config?.etag) appendOnSend(route, tagResponse);
  });
}

async function tagResponse(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  if (request.method !== 'GET' && request.method !== 'HEAD') return payload;
  if (reply.statusCode !== 200) return payload;
  let etag = reply.getHeader('etag') as string | undefined;
  if (etag === undefined) {
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    etag = etagOf(payload);
    reply.header('ETag', etag);
  }
  if (!noneMatch(request, etag)) return payload;
  reply.code(304);
  reply.removeHeader('content-type');
  reply.removeHeader('content-length');
  return null;
}
