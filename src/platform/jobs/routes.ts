import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, ok, PageEnvelope } from '../http/envelope.js';
import { sendPage } from '../http/pagination.js';
import {
  JobEnvelope,
  JobParams,
  JobSchema,
  ListJobsQuery,
  ProbeBody,
  ProbeEnvelope,
} from './schemas.js';
import type { JobsService } from './service.js';

const tags = ['jobs'];

/** `GET /jobs`, `GET /jobs/:id`, `POST /jobs/:id/cancel` (mounted under `/api/v1`). */
export const jobsRoutes: FastifyPluginAsyncTypebox<{ service: JobsService }> = async (
  app,
  { service },
) => {
  app.get(
    '/jobs',
    {
      config: { permission: 'account:read' },
      schema: {
        tags,
        summary: 'Your jobs, newest first',
        querystring: ListJobsQuery,
        response: { 200: PageEnvelope(JobSchema), ...errorResponses(400, 401) },
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
    '/jobs/:id',
    {
      config: { permission: ['account:read', 'jobs:read'] },
      schema: {
        tags,
        summary: 'A job: state, progress, result or error (its owner, or jobs:read)',
        params: JobParams,
        response: { 200: JobEnvelope, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => ok(await service.get(request.principal, request.params.id)),
  );

  app.post(
    '/jobs/probes',
    {
      config: { permission: 'jobs:manage' },
      schema: {
        tags,
        summary: 'Enqueue probe jobs (queue self-test)',
        description:
          'Each probe waits `sleepMs`, then records the process that ran it as a `job.probe_completed` event and as its result: a way to check that every worker takes jobs and that each job runs once.',
        body: ProbeBody,
        response: { 202: ProbeEnvelope, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { count, sleepMs } = request.body;
      const jobIds = await service.probe(request.principal, count, sleepMs);
      return reply.status(202).send(ok({ jobIds }));
    },
  );

  app.post(
    '/jobs/:id/cancel',
    {
      config: { permission: ['account:manage', 'jobs:manage'] },
      schema: {
        tags,
        summary: 'Cancel a queued or running job (its owner, or jobs:manage)',
        params: JobParams,
        response: { 200: JobEnvelope, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ok(await service.cancel(request.principal, request.params.id)),
  );
};
