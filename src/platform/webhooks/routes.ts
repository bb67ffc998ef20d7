import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Envelope, errorResponses, ok, PageEnvelope } from '../http/envelope.js';
import { LimitQuerySchema, sendPage } from '../http/pagination.js';
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
      const created = await service.create(request.principal, request.body);
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
    async (request, reply) =>
      sendPage(
        request,
        reply,
        await service.list(request.principal, request.query),
        request.query.limit,
      ),
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
    async (request) => ok(await service.get(request.principal, request.params.id)),
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
    async (request) => ok(await service.update(request.principal, request.params.id, request.body)),
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
      await service.remove(request.principal, request.params.id);
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
    async (request, reply) =>
      sendPage(
        request,
        reply,
        await service.listDeliveries(request.principal, request.params.id, request.query),
        request.query.limit,
      ),
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
      const result = await service.redeliver(request.principal, id, deliveryId);
      return reply.status(202).send(ok(result));
    },
  );
};
