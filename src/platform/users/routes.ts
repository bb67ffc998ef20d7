import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Envelope, errorResponses, ok, PageEnvelope } from '../http/envelope.js';
import { etagOf, ifMatchVersion } from '../http/etag.js';
import { sendPage } from '../http/pagination.js';
import { ListUsersQuery, SetRolesBody, UserIdParams, UserSchema } from './schemas.js';
import type { UsersService } from './service.js';

export const usersRoutes: FastifyPluginAsyncTypebox<{ service: UsersService }> = async (
  app,
  { service },
) => {
  app.get(
    '/users',
    {
      config: { permission: 'users:read' },
      schema: {
        tags: ['users'],
        summary: 'List users',
        description: 'Cursor-paginated, oldest first; filter by role and by part of email or name.',
        querystring: ListUsersQuery,
        response: { 200: PageEnvelope(UserSchema), ...errorResponses(400) },
      },
    },
    async (request, reply) =>
      sendPage(
        request,
        reply,
        await service.list(request.principal, request.query),
        request.query.limit,
      ),
  );

  app.get(
    '/users/:id',
    {
      config: { permission: ['account:read', 'users:read'], etag: true },
      schema: {
        tags: ['users'],
        summary: 'Get a user',
        description:
          "Yourself, or anyone with `users:read`. The ETag is the user's version; send it back as `If-None-Match` (304) or `If-Match` when changing roles.",
        params: UserIdParams,
        response: {
          200: Envelope(UserSchema),
          304: Type.Null({ description: 'not modified' }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const user = await service.get(request.principal, request.params.id);
      reply.header('ETag', etagOf({ version: user.version }));
      return ok(user);
    },
  );

  app.put(
    '/users/:id/roles',
    {
      config: { permission: 'roles:manage' },
      schema: {
        tags: ['users'],
        summary: "Replace a user's roles",
        description:
          'The last admin cannot lose the admin role (409 `LAST_ADMIN`). `If-Match` is optional: with the ETag of `GET /users/:id` (`"<version>"`; a list matches when any member does, `*` matches the current version, weak tags never match) the change applies only if nobody changed the user since, else 412 `VERSION_MISMATCH` with the current `ETag`; 400 `INVALID_IF_MATCH` when malformed. Answers with the new `ETag`.',
        params: UserIdParams,
        body: SetRolesBody,
        response: { 200: Envelope(UserSchema), ...errorResponses(400, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      const user = await service.setRoles(
        request.principal,
        request.params.id,
        request.body.roles,
        ifMatchVersion(request),
      );
      reply.header('ETag', etagOf({ version: user.version }));
      return ok(user);
    },
  );

  for (const [action, summary, description] of [
    [
      'disable',
      'Disable a user',
      'They can no longer sign in or refresh; all their sessions end, their API keys stop working while they are disabled and their WebSockets close with 4401, in every process before this answers. The last enabled admin cannot be disabled (409 `LAST_ADMIN`). Disabling a disabled user changes nothing.',
    ],
    [
      'enable',
      'Enable a disabled user',
      'They can sign in again and their API keys work again; ended sessions stay ended. An erased account cannot be enabled (409 `USER_ERASED`).',
    ],
  ] as const) {
    app.post(
      `/users/:id/${action}`,
      {
        config: { permission: 'users:manage' },
        schema: {
          tags: ['users'],
          summary,
          description,
          params: UserIdParams,
          response: { 200: Envelope(UserSchema), ...errorResponses(400, 404, 409) },
        },
      },
      async (request, reply) => {
        const user = await service[action](request.principal, request.params.id);
        reply.header('ETag', etagOf({ version: user.version }));
        return ok(user);
      },
    );
  }
};
