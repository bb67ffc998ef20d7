import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { isUuid } from '../db/columns.js';
import { validationError } from '../errors/index.js';
import { currentContext } from './request-context.js';

const MAX_CURSOR_LENGTH = 1000;
const MAC_BYTES = 16;

/** `limit` and `cursor` query fields every cursor-paginated list accepts; spread `.properties`. */
export const LimitQuerySchema = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'page size' }),
  cursor: Type.Optional(
    // No maxLength here: a cursor too long is one this list never produced, 400 INVALID_CURSOR.
    Type.String({
      minLength: 1,
      description: `opaque cursor from the previous page (\`meta.nextCursor\`), at most ${MAX_CURSOR_LENGTH} characters`,
    }),
  ),
});

/** The key that signs an app's cursors, derived from its master secret (the JWT secret). */
export const cursorKeyFrom = (masterSecret: Uint8Array): Buffer =>
  Buffer.from(hkdfSync('sha256', masterSecret, Buffer.alloc(0), 'lectern:cursors', 32));

// Outside a request (unit tests, scripts) cursors are signed with a key of this process only.
const processKey = randomBytes(32);

// Services decode cursors far from the app; the request context carries its key to them.
const signingKey = (): Buffer => currentContext()?.cursorKey ?? processKey;

const macOf = (payload: string) =>
  createHmac('sha256', signingKey()).update(payload).digest().subarray(0, MAC_BYTES);

/**
 * An opaque cursor: the position after the last item of a page, as base64url JSON with an HMAC,
 * so a cursor the server did not write (tampered, or crafted to reach the database with values
 * it cannot compare) is simply invalid.
 */
export function encodeCursor(position: Record<string, unknown>): string {
  const payload = Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
  return `${payload}.${macOf(payload).toString('base64url')}`;
}

const invalidCursor = () =>
  validationError(
    'The cursor is not valid',
    [{ path: '/querystring/cursor', message: 'is not a cursor this list produced' }],
    'INVALID_CURSOR',
  );

/** Reads a cursor back; anything not produced by `encodeCursor` is a 400 `INVALID_CURSOR`. */
export function decodeCursor(cursor: string): Record<string, unknown> {
  if (cursor.length > MAX_CURSOR_LENGTH) throw invalidCursor();
  const [payload, mac, extra] = cursor.split('.');
  if (payload === undefined || mac === undefined || extra !== undefined) throw invalidCursor();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== MAC_BYTES || !timingSafeEqual(given, macOf(payload))) throw invalidCursor();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidCursor();
  return value as Record<string, unknown>;
}

/** Reads a cursor whose fields must all be strings (ids, timestamps). */
export function decodeStringCursor<K extends string>(
  cursor: string,
  keys: readonly K[],
): Record<K, string> {
  const value = decodeCursor(cursor);
  for (const key of keys) if (typeof value[key] !== 'string') throw invalidCursor();
  return value as Record<K, string>;
}

/** What every list service returns: one page of items and the cursor of the next page, if any. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Turns `limit + 1` fetched rows into a `Page`: the extra row only tells that another page exists,
 * and the cursor points after the last row returned.
 */
export function pageOf<T>(
  rows: T[],
  limit: number,
  cursorOf: (last: T) => Record<string, unknown>,
): Page<T> {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items.at(-1);
  return { items, nextCursor: hasMore && last !== undefined ? encodeCursor(cursorOf(last)) : null };
}

/**
 * The one way a route answers with a list: the page's items as `data`, `meta: {nextCursor,
 * limit}` and the `Link: rel="next"` header. `limit` is the one the request asked for.
 */
export function sendPage<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  page: Page<T>,
  limit: number,
) {
  setLinkHeader(reply, request, page.nextCursor);
  return { ok: true as const, data: page.items, meta: { nextCursor: page.nextCursor, limit } };
}

/** `Link: <…?cursor=…>; rel="next"` for clients that follow links rather than read `meta`. */
export function setLinkHeader(
  reply: FastifyReply,
  request: FastifyRequest,
  nextCursor: string | null,
): void {
  if (!nextCursor) return;
  const url = new URL(request.url, 'http://placeholder');
  url.searchParams.set('cursor', nextCursor);
  reply.header('Link', `<${url.pathname}${url.search}>; rel="next"`);
}

/** Reads a `{ id }` cursor whose id must be a UUID (keyset pagination over time-ordered ids). */
export function decodeIdCursor(cursor: string): string {
  const { id } = decodeStringCursor(cursor, ['id']);
  if (!isUuid(id)) throw invalidCursor();
  return id;
}
