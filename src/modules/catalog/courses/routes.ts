import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  Envelope,
  errorResponses,
  ok,
  PageEnvelope,
  sendSerialized,
  serializedText,
} from '#platform/http/envelope.js';
import { etagOf, ifMatchVersion } from '#platform/http/etag.js';
import { sendPage } from '#platform/http/pagination.js';
import {
  CourseIdParams,
  CourseRefParams,
  CourseSchema,
  CreateCourseBody,
  IncludeQuery,
  ListCoursesQuery,
  UpdateCourseBody,
} from './schemas.js';
import type { CourseService } from './service.js';

const tags = ['courses'];

/** The catalog and the life of one course: create, read, change, delete, restore. */
export const courseRoutes: FastifyPluginAsyncTypebox<{ service: CourseService }> = async (
  app,
  { service },
) => {
  app.get(
    '/courses',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Browse and search the catalog',
        description:
          'Published courses, newest first; with `q`, a full-text search ranked by relevance. Filter by category (slug), level, tag, instructor and language; sort by `relevance`, `newest`, `title` or `rating`; cursor-paginated in every sort. Staff may list other statuses (`status`); instructors list their own courses with `mine=true`. `include` adds the outline and the instructors of each course.',
        querystring: ListCoursesQuery,
        response: { 200: PageEnvelope(CourseSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const page = await service.list(request.principal, request.query);
      return sendPage(request, reply, page, request.query.limit);
    },
  );

  app.get(
    '/courses/:idOrSlug',
    {
      config: { public: true, etag: true },
      schema: {
        tags,
        summary: 'Get a course by id or slug',
        description:
          'Drafts and archived courses only for their instructors and staff (404 `COURSE_NOT_FOUND` to anyone else, as for an unknown course). A UUID is always read as an id, anything else as a slug. The public outline (`include=sections,lessons`) never shows lesson content. The ETag is `"<data.version>"`, the same whatever `include` asks: the version goes up with every change to what this shows (fields, status, outline, lesson durations, instructors, reviews, the category\'s name), so it answers `If-None-Match` (304) honestly and works as `If-Match` on the next write of the course.',
        params: CourseRefParams,
        querystring: IncludeQuery,
        response: {
          200: Envelope(CourseSchema),
          304: Type.Null({ description: 'not modified' }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const { etag, body } = await service.getSerialized(
        request.principal,
        request.params.idOrSlug,
        request.query.include,
        (course) => serializedText(reply.serialize(ok(course))),
      );
      return sendSerialized(reply.header('ETag', etag), body);
    },
  );

  app.post(
    '/courses',
    {
      config: { permission: 'courses:create' },
      schema: {
        tags,
        summary: 'Create a course',
        description:
          'A new draft, owned by the caller. Without `slug`, one is made from the title (`-2`, `-3`, … when taken); a `slug` that is taken is a 409 `SLUG_TAKEN`, one shaped like a UUID a 400.',
        body: CreateCourseBody,
        response: { 201: Envelope(CourseSchema), ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const course = await service.create(request.principal, request.body);
      return reply
        .status(201)
        .header('Location', `/api/v1/courses/${course.id}`)
        .header('ETag', etagOf(course))
        .send(ok(course));
    },
  );

  app.patch(
    '/courses/:id',
    {
      config: { permission: 'courses:manage' },
      schema: {
        tags,
        summary: 'Change a course',
        description:
          'Needs `If-Match` with the ETag of `GET /courses/:id` (`"<version>"`; a list matches when any member does, `*` matches the current version; weak tags never match). 428 `PRECONDITION_REQUIRED` without it, 412 `VERSION_MISMATCH` with the current `ETag` when stale, 400 `INVALID_IF_MATCH` when malformed. Bumps the version and answers with the new `ETag`. `tags` replaces the tags; `null` clears a field.',
        params: CourseIdParams,
        body: UpdateCourseBody,
        response: {
          200: Envelope(CourseSchema),
          ...errorResponses(400, 401, 403, 404, 409, 412, 422, 428),
        },
      },
    },
    async (request, reply) => {
      const course = await service.update(
        request.principal,
        request.params.id,
        ifMatchVersion(request),
        request.body,
      );
      reply.header('ETag', etagOf(course));
      return ok(course);
    },
  );

  app.delete(
    '/courses/:id',
    {
      config: { permission: 'courses:manage' },
      schema: {
        tags,
        summary: 'Delete a course',
        description:
          'By its owner or staff. The course disappears everywhere at once; an admin can restore it within 30 days, after which it is purged for good. An `If-Match` is optional but honoured (412 `VERSION_MISMATCH` when stale).',
        params: CourseIdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 412) },
      },
    },
    async (request, reply) => {
      await service.remove(request.principal, request.params.id, ifMatchVersion(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/courses/:id/restore',
    {
      config: { authenticated: true },
      schema: {
        tags,
        summary: 'Restore a deleted course',
        description:
          'Admins only, within 30 days of the deletion (409 `RESTORE_WINDOW_EXPIRED` after that; 409 `COURSE_NOT_DELETED` for a live course).',
        params: CourseIdParams,
        response: { 200: Envelope(CourseSchema), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const course = await service.restore(request.principal, request.params.id);
      reply.header('ETag', etagOf(course));
      return ok(course);
    },
  );
};
