import type { FastifyReply, FastifyRequest } from 'fastify';
import { forbidden } from '../errors/app-error.js';

/** The refresh token's cookie: httpOnly so no script reads it, sent only to the cookie routes. */
export const REFRESH_COOKIE = 'lectern_refresh';
export const COOKIE_PATH = '/api/v1/auth/cookie';
/** The header every cookie route demands: a cross-site form cannot set it (CSRF defence besides SameSite). */
export const CSRF_HEADER = 'x-lectern-csrf';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLocal(request: FastifyRequest): boolean {
  const host = (request.headers.host ?? '').replace(/:\d+$/, '');
  return LOCAL_HOSTS.has(host);
}

export function readRefreshCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === REFRESH_COOKIE) {
      const value = decodeURIComponent(part.slice(eq + 1).trim());
      return value.length > 0 ? value : undefined;
    }
  }
  return undefined;
}

function cookie(request: FastifyRequest, value: string, maxAgeSeconds: number): string {
  const attributes = [
    `${REFRESH_COOKIE}=${encodeURIComponent(value)}`,
    `Path=${COOKIE_PATH}`,
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSeconds}`,
  ];
  // Secure everywhere but plain-HTTP localhost, where browsers would drop a Secure cookie.
  if (!isLocal(request)) attributes.push('Secure');
  return attributes.join('; ');
}

export function setRefreshCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  maxAgeSeconds: number,
): void {
  reply.header('set-cookie', cookie(request, token, maxAgeSeconds));
}

export function clearRefreshCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('set-cookie', cookie(request, '', 0));
}

export function requireCsrfHeader(request: FastifyRequest): void {
  if (request.headers[CSRF_HEADER] !== '1')
    throw forbidden(
      `The ${CSRF_HEADER} header must be 1 on cookie session routes`,
      'CSRF_HEADER_REQUIRED',
    );
}
