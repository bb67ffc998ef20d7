import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Envelope, errorResponses, ok } from '#platform/http/envelope.js';
import { etagOf, ifMatchVersion } from '#platform/http/etag.js';
import { CourseIdParams, CourseSchema } from './schemas.js';
import type { WorkflowAction } from './workflow.js';
import type { CourseWorkflow } from './workflow-service.js';

const tags = ['courses'];

const STEPS: Array<{ action: WorkflowAction; summary: string; description: string }> = [
  {
    action: 'publish',
    summary: 'Publish a course',
    description:
      'From draft or archived. 422 `COURSE_NOT_PUBLISHABLE` lists in `details` every reason (no title, no summary, no section with a lesson, a video lesson without a video URL or file); 409 `INVALID_STATUS_TRANSITION` when already published.',
  },
  {
    action: 'unpublish',
    summary: 'Unpublish a course',
    description:
      'Back to draft: the course leaves the catalog (409 `INVALID_STATUS_TRANSITION` unless published).',
  },
  {
    action: 'archive',
    summary: 'Archive a course',
    description:
      'Out of the catalog for good, kept for its learners (409 `INVALID_STATUS_TRANSITION` when already archived).',
  },
];

/** The publishing workflow and duplication. */
export const workflowRoutes: FastifyPluginAsyncTypebox<{ workflow: CourseWorkflow }> = async (
  app,
  { workflow },
) => {
  for (const step of STEPS) {
    app.post(
      `/courses/:id/${step.action}`,
      {
        config: { permission: 'courses:manage' },
        schema: {
          tags,
          summary: step.summary,
          description: `${step.description} An \`If-Match\` is optional but honoured (412 \`VERSION_MISMATCH\` when stale); the answer carries the new \`ETag\`.`,
          params: CourseIdParams,
          response: {
            200: Envelope(CourseSchema),
            ...errorResponses(400, 401, 403, 404, 409, 412, 422),
          },
        },
      },
      async (request, reply) => {
        const course = await workflow.transition(
          request.principal,
          request.params.id,
          step.action,
          ifMatchVersion(request),
        );
        reply.header('ETag', etagOf({ version: course.version }));
        return ok(course);
      },
    );
  }

  app.post(
    '/courses/:id/duplicate',
    {
      config: { permission: 'courses:create' },
      schema: {
        tags,
        summary: 'Duplicate a course',
        description:
          'A deep copy as a new draft owned by the caller, with a new slug: tags, sections, lessons and quizzes (questions and options), and copies of its cover and lesson files of its own; not enrolments, progress or reviews.',
        params: CourseIdParams,
        response: { 201: Envelope(CourseSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const copy = await workflow.duplicate(request.principal, request.params.id);
      return reply
        .status(201)
        .header('Location', `/api/v1/courses/${copy.id}`)
        .header('ETag', etagOf(copy))
        .send(ok(copy));
    },
  );
};
