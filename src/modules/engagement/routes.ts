import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Envelope, errorResponses, ok, PageEnvelope } from '#platform/http/envelope.js';
import { sendPage } from '#platform/http/pagination.js';
import {
  CreateLearnerBody,
  LearnerDetailSchema,
  LearnerParams,
  LearnerSchema,
  LearnersQuery,
} from './schemas.js';
import type { EngagementService } from './service.js';

export const engagementRoutes: FastifyPluginAsyncTypebox<{ service: EngagementService }> = async (
  app,
  { service },
) => {
  app.post(
    '/engagement/learners',
    {
      config: { permission: 'engagement:manage' },
      schema: {
        tags: ['engagement'],
        summary: 'Add a learner profile',
        description:
          'Staff. For a user with the learner role (`userId`) or a learner imported from another system without a login (`externalSource` + `externalId`). The phone is encrypted at rest. 409 `LEARNER_EXISTS` when the user or external id already has a profile.',
        body: CreateLearnerBody,
        response: { 201: Envelope(LearnerDetailSchema), ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(ok(await service.createLearner(request.principal!, request.body))),
  );

  app.get(
    '/engagement/learners',
    {
      config: { permission: 'engagement:read' },
      schema: {
        tags: ['engagement'],
        summary: 'List learners with their risk',
        description:
          'Staff see every learner; instructors the learners of a course they teach (`courseId` required, 403 `COURSE_ID_REQUIRED` otherwise). `risk` filters by label, `sort=risk` puts the highest risk first. Risk is the active model’s (`codered-v1` by default).',
        querystring: LearnersQuery,
        response: { 200: PageEnvelope(LearnerSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) =>
      sendPage(
        request,
        reply,
        await service.listLearners(request.principal!, request.query),
        request.query.limit,
      ),
  );

  app.get(
    '/engagement/learners/:id',
    {
      config: { authenticated: true },
      schema: {
        tags: ['engagement'],
        summary: 'A learner: profile, risk with its factors, recent activity, courses',
        description:
          'Learners see their own profile, instructors the learners of their courses, staff all; anyone else gets 404 `LEARNER_NOT_FOUND`. The phone is shown to staff and the learner only.',
        params: LearnerParams,
        response: { 200: Envelope(LearnerDetailSchema), ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => ok(await service.getLearner(request.principal!, request.params.id)),
  );
};
