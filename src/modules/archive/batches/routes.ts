import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requirePrincipal } from '#platform/auth/access.js';
import { Envelope, errorResponses, ok, PageEnvelope } from '#platform/http/envelope.js';
import { sendPage } from '#platform/http/pagination.js';
import {
  BatchDetailSchema,
  BatchParams,
  BatchSchema,
  CreateBatchBody,
  ListBatchesQuery,
} from './schemas.js';
import type { BatchService } from './service.js';

const tags = ['archive'];
const manage = { permission: 'archive:manage' } as const;

export const batchRoutes: FastifyPluginAsyncTypebox<{ batches: BatchService }> = async (
  app,
  { batches },
) => {
  app.post(
    '/archive/batches',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Ingest many files as a batch job',
        description:
          'Files (or directories of FITS files) under `ARCHIVE_IMPORT_DIR`, one item each, ingested in order by a job: a bad file fails its item and the others go on. Progress on the WebSocket topic `archive-batches:<id>` and on the job; `batch.completed` when nothing is left. A path outside the directory, or missing, is 400 naming the entry.',
        body: CreateBatchBody,
        response: { 201: Envelope(BatchDetailSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const batch = await batches.create(requirePrincipal(request.principal), request.body);
      return reply
        .status(201)
        .header('Location', `/api/v1/archive/batches/${batch.id}`)
        .send(ok(batch));
    },
  );

  app.get(
    '/archive/batches',
    {
      config: manage,
      schema: {
        tags,
        summary: 'List batches',
        description: 'Newest first.',
        querystring: ListBatchesQuery,
        response: { 200: PageEnvelope(BatchSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) =>
      sendPage(request, reply, await batches.list(request.query), request.query.limit),
  );

  app.get(
    '/archive/batches/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'A batch with its items',
        params: BatchParams,
        response: { 200: Envelope(BatchDetailSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ok(await batches.detail(request.params.id)),
  );

  app.post(
    '/archive/batches/:id/cancel',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Cancel a batch',
        description:
          'Items not started are `cancelled`; the one in progress finishes. 409 `BATCH_FINISHED` for a finished batch.',
        params: BatchParams,
        response: { 200: Envelope(BatchDetailSchema), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      ok(await batches.cancel(requirePrincipal(request.principal), request.params.id)),
  );

  app.post(
    '/archive/batches/:id/retry',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Retry the failed items of a batch',
        description: '409 `NOTHING_TO_RETRY` when no item failed.',
        params: BatchParams,
        response: { 200: Envelope(BatchDetailSchema), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      ok(await batches.retry(requirePrincipal(request.principal), request.params.id)),
  );
};
