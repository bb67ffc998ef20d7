import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Envelope, errorResponses, ok, PageEnvelope } from '../../http/envelope.js';
import { sendPage } from '../../http/pagination.js';
import {
  ApiKeyIdParams,
  ApiKeySchema,
  CreatedApiKeySchema,
  createApiKeyBody,
  ListApiKeysQuery,
} from './schemas.js';
import type { ApiKeysService } from './service.js';

export const apiKeysRoutes: FastifyPluginAsyncTypebox<{ service: ApiKeysService }> = async (
  app,
  { service },
) => {
  app.post(
    '/api-keys',
    {
      config: { sessionOnly: true, idempotency: 'no-store' },
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key',
        description:
          'Scopes must be permissions you hold. The key (`data.key`) is shown only in this response; send it as `X-API-Key`.',
        body: createApiKeyBody(),
        response: { 201: Envelope(CreatedApiKeySchema), ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return ok(await service.create(request.principal, request.body));
    },
  );

  app.get(
    '/api-keys',
    {
      config: { permission: 'account:read' },
      schema: {
        tags: ['api-keys'],
        summary: 'List your API keys',
        description: 'Live keys, newest first. Secrets are never shown again.',
        querystring: ListApiKeysQuery,
        response: { 200: PageEnvelope(ApiKeySchema), ...errorResponses(400) },
      },
    },
    async (request, reply) =>
      sendPage(
        request,
        reply,
        await service.listOwn(request.principal, request.query),
        request.query.limit,
      ),
  );

  app.delete(
    '/api-keys/:id',
    {
      config: { permission: 'account:manage' },
      schema: {
        tags: ['api-keys'],
        summary: 'Revoke an API key',
        description:
          'Your own keys, or anyone’s with `apikeys:manage`; any other key is 404 `API_KEY_NOT_FOUND`, as an unknown one. Requests with it then get 401.',
        params: ApiKeyIdParams,
        response: { 204: { type: 'null', description: 'revoked' }, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      await service.revoke(request.principal, request.params.id);
      return reply.status(204).send(null);
    },
  );
};
