import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Envelope, errorResponses, ok } from '#platform/http/envelope.js';
import { CourseIdParams, CourseRefParams, InstructorSchema } from '../schemas.js';
import { AddInstructorBody, InstructorParams } from './schemas.js';
import type { InstructorService } from './service.js';

const tags = ['courses'];

export const instructorRoutes: FastifyPluginAsyncTypebox<{ service: InstructorService }> = async (
  app,
  { service },
) => {
  app.get(
    '/courses/:idOrSlug/instructors',
    {
      config: { public: true },
      schema: {
        tags,
        summary: "A course's instructors",
        description:
          'The owner first, then co-instructors in the order they joined (a short, bounded list: not paginated). Same visibility as the course.',
        params: CourseRefParams,
        response: {
          200: Envelope(Type.Array(InstructorSchema)),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => ok(await service.list(request.principal, request.params.idOrSlug)),
  );

  app.post(
    '/courses/:id/instructors',
    {
      config: { permission: 'courses:manage' },
      schema: {
        tags,
        summary: 'Add a co-instructor',
        description:
          "By the course's owner or staff. The user must exist and hold the instructor role (or staff, admin): 422 `UNKNOWN_USER` / `NOT_AN_INSTRUCTOR`; 409 `ALREADY_INSTRUCTOR`.",
        params: CourseIdParams,
        body: AddInstructorBody,
        response: {
          201: Envelope(InstructorSchema),
          ...errorResponses(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const added = await service.add(request.principal, request.params.id, request.body.userId);
      return reply
        .status(201)
        .header('Location', `/api/v1/courses/${request.params.id}/instructors`)
        .send(ok(added));
    },
  );

  app.delete(
    '/courses/:id/instructors/:userId',
    {
      config: { permission: 'courses:manage' },
      schema: {
        tags,
        summary: 'Remove a co-instructor',
        description:
          "By the course's owner or staff; the owner cannot be removed (409 `CANNOT_REMOVE_OWNER`).",
        params: InstructorParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await service.remove(request.principal, request.params.id, request.params.userId);
      return reply.status(204).send(null);
    },
  );
};
