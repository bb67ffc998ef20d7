import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ExpectedVersion } from '../db/optimistic-lock.js';
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

interface EntityTag {
  weak: boolean;
  /** The opaque tag with its quotes, as it is compared: `"3"`. */
  opaque: string;
}

// One list member (RFC 9110 §8.8.3): `W/`? then a quoted run of etagc (no `"`, no controls).
const LIST_MEMBER = /\s*(?:(W\/)?("[\x21\x23-\x7e\x80-\xff]*"))?\s*(?:,|$)/y;

/**
 * The entity tags of an `If-Match`/`If-None-Match` list, `"*"` for `*`, or undefined when the
 * header is not a well-formed list. Empty members (`"a", , "b"`) are allowed, as in every
 * HTTP list.
 */
function parseEntityTags(header: string): EntityTag[] | '*' | undefined {
  if (header.trim() === '*') return '*';
  const tags: EntityTag[] = [];
  LIST_MEMBER.lastIndex = 0;
  while (LIST_MEMBER.lastIndex < header.length) {
    const start = LIST_MEMBER.lastIndex;
    const match = LIST_MEMBER.exec(header);
    if (!match || LIST_MEMBER.lastIndex === start) return undefined;
    if (match[2]) tags.push({ weak: match[1] !== undefined, opaque: match[2] });
  }
  return tags;
}

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** Weak comparison (RFC 9110 §13.1.2): `If-None-Match` matches `W/"x"` and `"x"` alike. */
export function noneMatch(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  const tags = parseEntityTags(header);
  if (tags === '*') return true;
  // A malformed If-None-Match is ignored: the full response is always a correct answer to it.
  if (tags === undefined) return false;
  const wanted = opaque(etag);
  return tags.some((tag) => tag.opaque === wanted);
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

const VERSION_TAG = /^"(\d{1,15})"$/;

/**
 * The versions a writer read, from `If-Match` on a resource whose ETag is `"<version>"`
 * (RFC 9110 §13.1.1): `*` accepts any current version; a list matches when any member does;
 * weak tags (`W/"3"`) never match, since `If-Match` uses strong comparison, and neither do
 * well-formed tags of another shape, so both end in 412 rather than 400. Undefined when the
 * header is absent; a malformed header is a 400 `INVALID_IF_MATCH`.
 */
export function ifMatchVersion(request: FastifyRequest): ExpectedVersion | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const tags = parseEntityTags(header);
  if (tags === '*') return { any: true };
  if (tags === undefined || tags.length === 0)
    throw validationError(
      'If-Match must be * or a list of ETags of this resource, such as "3"',
      [{ path: '/headers/if-match', message: 'is not a list of entity tags' }],
      'INVALID_IF_MATCH',
    );
  const versions = tags.flatMap((tag) => {
    const version = tag.weak ? undefined : VERSION_TAG.exec(tag.opaque)?.[1];
    return version === undefined ? [] : [Number(version)];
  });
  return { any: false, versions };
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
