import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { unauthorized } from '../errors/app-error.js';
import { Envelope, errorResponses, ok } from '../http/envelope.js';
import { UserSchema } from '../users/schemas.js';
import { LoginBody } from './schemas.js';
import type { AuthService } from './service.js';
import {
  CSRF_HEADER,
  clearRefreshCookie,
  readRefreshCookie,
  requireCsrfHeader,
  setRefreshCookie,
} from './session-cookie.js';

const NoContent = Type.Null({ description: 'done; no body' });

const CookieTokensSchema = Type.Object(
  {
    accessToken: Type.String({
      description: 'JWT for `Authorization: Bearer …`; keep it in memory',
    }),
    tokenType: Type.Literal('Bearer'),
    expiresIn: Type.Integer({ description: 'access token lifetime in seconds', examples: [900] }),
    user: UserSchema,
  },
  { title: 'CookieTokens' },
);

const CsrfHeaders = Type.Object({
  [CSRF_HEADER]: Type.Optional(Type.String({ description: 'must be `1`' })),
});

const csrfNote = `Needs the \`${CSRF_HEADER}: 1\` header (403 \`CSRF_HEADER_REQUIRED\`).`;

/**
 * The browser's session: the refresh token travels only in an httpOnly, SameSite=Strict cookie
 * scoped to these routes, so page scripts never see it; the access token is returned for memory.
 */
export const cookieAuthRoutes: FastifyPluginAsyncTypebox<{
  service: AuthService;
  refreshTtlSeconds: number;
}> = async (app, { service, refreshTtlSeconds }) => {
  app.post(
    '/auth/cookie/login',
    {
      config: { public: true, idempotency: 'no-store' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with a cookie session',
        description: `Like /auth/login, but the refresh token is set as an httpOnly cookie instead of returned. ${csrfNote}`,
        headers: CsrfHeaders,
        body: LoginBody,
        response: { 200: Envelope(CookieTokensSchema), ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      requireCsrfHeader(request);
      const { refreshToken, ...tokens } = await service.login(request.body, {
        ip: request.ip ?? null,
        userAgent: request.headers['user-agent'] ?? null,
      });
      setRefreshCookie(request, reply, refreshToken, refreshTtlSeconds);
      return ok(tokens);
    },
  );

  app.post(
    '/auth/cookie/refresh',
    {
      config: { public: true, idempotency: 'no-store' },
      schema: {
        tags: ['auth'],
        summary: 'Renew a cookie session',
        description: `Swaps the refresh cookie for a new one and returns a fresh access token. 401 \`NO_SESSION_COOKIE\` without the cookie. ${csrfNote}`,
        headers: CsrfHeaders,
        response: { 200: Envelope(CookieTokensSchema), ...errorResponses(401, 403) },
      },
    },
    async (request, reply) => {
      requireCsrfHeader(request);
      const presented = readRefreshCookie(request);
      if (!presented) throw unauthorized('No session cookie; sign in', 'NO_SESSION_COOKIE');
      try {
        const { refreshToken, ...tokens } = await service.refresh(presented);
        setRefreshCookie(request, reply, refreshToken, refreshTtlSeconds);
        return ok(tokens);
      } catch (error) {
        clearRefreshCookie(request, reply);
        throw error;
      }
    },
  );

  app.post(
    '/auth/cookie/logout',
    {
      config: { sessionOnly: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign out of a cookie session',
        description: `Ends the current session and clears the refresh cookie. ${csrfNote}`,
        headers: CsrfHeaders,
        response: { 204: NoContent, ...errorResponses(403) },
      },
    },
    async (request, reply) => {
      requireCsrfHeader(request);
      await service.logout(request.principal);
      clearRefreshCookie(request, reply);
      return reply.status(204).send(null);
    },
  );
};
