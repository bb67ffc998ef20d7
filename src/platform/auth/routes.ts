import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Envelope, errorResponses, ok, PageEnvelope } from '../http/envelope.js';
import { sendPage } from '../http/pagination.js';
import { UserSchema } from '../users/schemas.js';
import {
  ChangePasswordBody,
  ListSessionsQuery,
  LoginBody,
  MeSchema,
  PermissionCheckQuery,
  PermissionCheckSchema,
  RefreshBody,
  RevokeAllQuery,
  RevokedCountSchema,
  SessionIdParams,
  SessionSchema,
  SignupBody,
  TokensSchema,
} from './schemas.js';
import type { AuthService } from './service.js';

const NoContent = Type.Null({ description: 'done; no body' });

export const authRoutes: FastifyPluginAsyncTypebox<{ service: AuthService }> = async (
  app,
  { service },
) => {
  app.post(
    '/auth/signup',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Create an account',
        description:
          'New accounts get the `learner` role. 403 `SIGNUP_CLOSED` when `SIGNUP=closed`; 409 `EMAIL_TAKEN` for an email registered in any letter case; 400 `WEAK_PASSWORD`.',
        body: SignupBody,
        response: { 201: Envelope(UserSchema), ...errorResponses(400, 403, 409) },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return ok(await service.signup(request.body));
    },
  );

  app.post(
    '/auth/login',
    {
      config: { public: true, idempotency: 'no-store' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in',
        description:
          'Returns an access token and a single-use refresh token. Repeated failures for an account or address are throttled (429 `LOGIN_THROTTLED` with `Retry-After`).',
        body: LoginBody,
        response: { 200: Envelope(TokensSchema), ...errorResponses(400, 401, 429) },
      },
    },
    async (request) =>
      ok(
        await service.login(request.body, {
          ip: request.ip ?? null,
          userAgent: request.headers['user-agent'] ?? null,
        }),
      ),
  );

  app.post(
    '/auth/refresh',
    {
      // A token pair is never replayed: that would hand out a refresh token twice.
      config: { public: true, idempotency: 'no-store' },
      schema: {
        tags: ['auth'],
        summary: 'Swap a refresh token for a new pair',
        description:
          'Each refresh token works once. Presenting a used one ends its whole session (401 `REFRESH_TOKEN_REUSED`).',
        body: RefreshBody,
        response: { 200: Envelope(TokensSchema), ...errorResponses(400, 401) },
      },
    },
    async (request) => ok(await service.refresh(request.body.refreshToken)),
  );

  app.post(
    '/auth/logout',
    {
      config: { sessionOnly: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign out',
        description: 'Ends the current session: its access and refresh tokens stop working.',
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await service.logout(request.principal);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/password',
    {
      config: { sessionOnly: true },
      schema: {
        tags: ['auth'],
        summary: 'Change your password',
        description:
          'Needs a signed-in session (403 `USER_SESSION_REQUIRED` for API keys). 400 `INVALID_CURRENT_PASSWORD` when `currentPassword` is wrong (counted like a failed sign-in), 400 `WEAK_PASSWORD` for a weak `newPassword`. Ends every other session of the user and closes their sockets; this one stays signed in. `revoked` counts the sessions ended.',
        body: ChangePasswordBody,
        response: { 200: Envelope(RevokedCountSchema), ...errorResponses(400, 429) },
      },
    },
    async (request) => ok(await service.changePassword(request.principal, request.body)),
  );

  app.get(
    '/auth/me',
    {
      config: { authenticated: true },
      schema: {
        tags: ['auth'],
        summary: 'Who am I',
        response: { 200: Envelope(MeSchema) },
      },
    },
    async (request) => ok(await service.me(request.principal)),
  );

  app.get(
    '/auth/permissions/check',
    {
      config: { authenticated: true },
      schema: {
        tags: ['auth'],
        summary: 'Check one of your permissions',
        description: '400 `UNKNOWN_PERMISSION` for a permission that does not exist.',
        querystring: PermissionCheckQuery,
        response: { 200: Envelope(PermissionCheckSchema), ...errorResponses(400) },
      },
    },
    async (request) => ok(service.checkPermission(request.principal, request.query.permission)),
  );

  app.get(
    '/auth/sessions',
    {
      config: { sessionOnly: true },
      schema: {
        tags: ['auth'],
        summary: 'List your active sessions',
        description: 'Newest first; `current` marks the session making the request.',
        querystring: ListSessionsQuery,
        response: { 200: PageEnvelope(SessionSchema), ...errorResponses(400) },
      },
    },
    async (request, reply) =>
      sendPage(
        request,
        reply,
        await service.listSessions(request.principal, request.query),
        request.query.limit,
      ),
  );

  app.delete(
    '/auth/sessions/:id',
    {
      config: { permission: 'account:manage' },
      schema: {
        tags: ['auth'],
        summary: 'End a session',
        description:
          'Your own, or anyone’s with `sessions:manage`; any other session is 404 `SESSION_NOT_FOUND`, as an unknown one.',
        params: SessionIdParams,
        response: { 204: NoContent, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      await service.revokeSession(request.principal, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/sessions/revoke-all',
    {
      config: { sessionOnly: true },
      schema: {
        tags: ['auth'],
        summary: 'End all your sessions',
        description: 'Keeps the current one unless `keepCurrent=false`.',
        querystring: RevokeAllQuery,
        response: { 200: Envelope(RevokedCountSchema), ...errorResponses(400) },
      },
    },
    async (request) =>
      ok(await service.revokeAllSessions(request.principal, request.query.keepCurrent)),
  );
};
