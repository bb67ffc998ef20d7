import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePrincipal } from '../auth/access.js';
import { Envelope, errorResponses, ok, okWithMeta, PageEnvelope } from '../http/envelope.js';
import { decodeIdCursor, LimitQuerySchema, pageMeta, setLinkHeader } from '../http/pagination.js';
import {
  CreatedWebhookSchema,
  CreateWebhookBody,
  DeliveryParams,
  DeliverySchema,
  UpdateWebhookBody,
  WebhookIdParams,
  WebhookSchema,
} from './schemas.js';
import type { WebhookService } from './service.js';

const manage = { permission: 'webhooks:manage' } as const;

export const webhooksRoutes: FastifyPluginAsyncTypebox<{ service: WebhookService }> = async (
  app,
  { service },
) => {
  app.post(
    '/webhooks',
    {
      // The response shows the signing secret once: never kept for Idempotency-Key replays.
      config: { ...manage, idempotency: 'no-store' },
      schema: {
        tags: ['webhooks'],
        summary: 'Register a webhook endpoint',
        description:
          'Deliveries are POSTs signed with `Lectern-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. The secret (yours, or generated) is shown only in this response. Private and loopback targets are refused unless listed in `WEBHOOK_ALLOW_HOSTS`.',
        body: CreateWebhookBody,
        response: { 201: Envelope(CreatedWebhookSchema), ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const created = await service.create(
        requirePrincipal(request.principal).userId,
        request.body,
      );
      return reply
        .status(201)
        .header('Location', `/api/v1/webhooks/${created.id}`)
        .send(ok(created));
    },
  );

  app.get(
    '/webhooks',
    {
      config: manage,
      schema: {
        tags: ['webhooks'],
        summary: 'List webhook endpoints',
        querystring: Type.Object(
          { ...LimitQuerySchema.properties },
          { additionalProperties: false },
        ),
        response: { 200: PageEnvelope(WebhookSchema), ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const { limit, cursor } = request.query;
      const rows = await service.list(limit + 1, cursor ? decodeIdCursor(cursor) : undefined);
      const page = pageMeta(rows, limit, (last) => ({ id: last.id }));
      setLinkHeader(reply, request, page.meta.nextCursor);
      return okWithMeta(page.items, page.meta);
    },
  );

  app.get(
    '/webhooks/:id',
    {
      config: { ...manage, etag: true },
      schema: {
        tags: ['webhooks'],
        summary: 'Get a webhook endpoint',
        params: WebhookIdParams,
        response: { 200: Envelope(WebhookSchema), ...errorResponses(400, 404) },
      },
    },
    async (request) => ok(await service.get(request.params.id)),
  );

  app.patch(
    '/webhooks/:id',
    {
      config: manage,
      schema: {
        tags: ['webhooks'],
        summary: 'Change a webhook endpoint',
        description:
          'Setting `active: true` re-enables an endpoint that was disabled after failing.',
        params: WebhookIdParams,
        body: UpdateWebhookBody,
        response: { 200: Envelope(WebhookSchema), ...errorResponses(400, 404) },
      },
    },
    async (request) =>
      ok(
        await service.update(
          requirePrincipal(request.principal).userId,
          request.params.id,
          request.body,
        ),
      ),
  );

  app.delete(
    '/webhooks/:id',
    {
      config: manage,
      schema: {
        tags: ['webhooks'],
        summary: 'Delete a webhook endpoint',
        params: WebhookIdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      await service.remove(requirePrincipal(request.principal).userId, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/webhooks/:id/deliveries',
    {
      config: manage,
      schema: {
        tags: ['webhooks'],
        summary: "An endpoint's delivery attempts, newest first",
        params: WebhookIdParams,
        querystring: Type.Object(
          { ...LimitQuerySchema.properties },
          { additionalProperties: false },
        ),
        response: { 200: PageEnvelope(DeliverySchema), ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { limit, cursor } = request.query;
      const rows = await service.listDeliveries(
        request.params.id,
        limit + 1,
        cursor ? decodeIdCursor(cursor) : undefined,
      );
      const page = pageMeta(rows, limit, (last) => ({ id: last.id }));
      setLinkHeader(reply, request, page.meta.nextCursor);
      return okWithMeta(page.items, page.meta);
    },
  );

  app.post(
    '/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      config: manage,
      schema: {
        tags: ['webhooks'],
        summary: 'Send the event of a past delivery again',
        params: DeliveryParams,
        response: {
          202: Envelope(
            Type.Object({ queued: Type.Literal(true), eventId: Type.String({ format: 'uuid' }) }),
          ),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const { id, deliveryId } = request.params;
      const result = await service.redeliver(
        requirePrincipal(request.principal).userId,
        id,
        deliveryId,
      );
      return reply.status(202).send(ok(result));
    },
  );
};
