import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Envelope, errorResponses, ok } from '#platform/http/envelope.js';
import {
  CourseLessonParams,
  CourseParams,
  CreateLessonBody,
  CreateSectionBody,
  IdParams,
  LessonContentSchema,
  LessonSchema,
  MoveBody,
  MoveLessonBody,
  OutlineSectionSchema,
  RenameSectionBody,
  SectionParams,
  SectionSchema,
  UpdateLessonBody,
} from './schemas.js';
import type { CurriculumService } from './service.js';

const manage = { permission: 'courses:manage' } as const;
const tags = ['curriculum'];
const lessonTags = ['lessons'];

export const curriculumRoutes: FastifyPluginAsyncTypebox<{ service: CurriculumService }> = async (
  app,
  { service },
) => {
  // ---- sections

  app.get(
    '/courses/:id/sections',
    {
      config: { public: true, etag: true },
      schema: {
        tags,
        summary: "A course's outline: sections with their lessons, in order",
        description:
          'The whole outline in one response (a course holds at most 100 sections of at most 100 lessons, so it is not paginated). Published courses are public; drafts only for their instructors and staff (404 to anyone else). Lesson content fields (`videoUrl`, `fileUrl`, `body`, `transcript`) appear only for those who manage the course.',
        params: CourseParams,
        response: {
          200: Envelope(Type.Array(OutlineSectionSchema)),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => ok(await service.outline(request.principal, request.params.id)),
  );

  app.post(
    '/courses/:id/sections',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add a section',
        description:
          'Inserted at `position` (0..number of sections; the sections from there on move down one), or at the end. A course holds at most 100 sections (422 `TOO_MANY_SECTIONS`).',
        params: CourseParams,
        body: CreateSectionBody,
        response: { 201: Envelope(SectionSchema), ...errorResponses(400, 404, 422) },
      },
    },
    async (request, reply) => {
      const section = await service.createSection(
        request.principal,
        request.params.id,
        request.body,
      );
      return reply.status(201).send(ok(section));
    },
  );

  app.patch(
    '/courses/:id/sections/:sid',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Rename a section',
        params: SectionParams,
        body: RenameSectionBody,
        response: { 200: Envelope(SectionSchema), ...errorResponses(400, 404) },
      },
    },
    async (request) =>
      ok(
        await service.renameSection(
          request.principal,
          request.params.id,
          request.params.sid,
          request.body.title,
        ),
      ),
  );

  app.delete(
    '/courses/:id/sections/:sid',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Delete a section and its lessons',
        description: 'The sections after it move up one, so positions stay 0..n-1.',
        params: SectionParams,
        response: { 204: Type.Null(), ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      await service.deleteSection(request.principal, request.params.id, request.params.sid);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/courses/:id/sections/:sid/move',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Move a section to another position',
        description:
          '`position` is 0-based and must name an existing slot (0..number of sections − 1); anything beyond is a 400 `POSITION_OUT_OF_RANGE` rather than being clamped, so a client working from a stale outline finds out. The sections in between shift by one.',
        params: SectionParams,
        body: MoveBody,
        response: { 200: Envelope(SectionSchema), ...errorResponses(400, 404) },
      },
    },
    async (request) =>
      ok(
        await service.moveSection(
          request.principal,
          request.params.id,
          request.params.sid,
          request.body.position,
        ),
      ),
  );

  // ---- lessons

  app.post(
    '/courses/:id/sections/:sid/lessons',
    {
      config: manage,
      schema: {
        tags: lessonTags,
        summary: 'Add a lesson to a section',
        description:
          'Inserted at `position` (0..number of lessons in the section) or at the end. `videoUrl` and `transcript` are for video lessons only (400 `INVALID_LESSON`). A section holds at most 100 lessons (422 `TOO_MANY_LESSONS`). Files are attached through the media routes.',
        params: SectionParams,
        body: CreateLessonBody,
        response: { 201: Envelope(LessonSchema), ...errorResponses(400, 404, 422) },
      },
    },
    async (request, reply) => {
      const { id, sid } = request.params;
      const lesson = await service.createLesson(request.principal, id, sid, request.body);
      return reply.status(201).send(ok(lesson));
    },
  );

  app.get(
    '/courses/:id/lessons/:lid',
    {
      config: { ...manage, etag: true },
      schema: {
        tags: lessonTags,
        summary: 'A lesson with everything in it, for its instructors',
        params: CourseLessonParams,
        response: { 200: Envelope(LessonSchema), ...errorResponses(400, 404) },
      },
    },
    async (request) =>
      ok(await service.getLesson(request.principal, request.params.id, request.params.lid)),
  );

  app.patch(
    '/courses/:id/lessons/:lid',
    {
      config: manage,
      schema: {
        tags: lessonTags,
        summary: 'Change a lesson',
        description:
          'The lesson as changed must still fit its kind: turning a video lesson into a text one needs `videoUrl: null` and `transcript: null` too (400 `INVALID_LESSON`). A quiz lesson that presents a quiz keeps its kind (409 `LESSON_HAS_QUIZ`).',
        params: CourseLessonParams,
        body: UpdateLessonBody,
        response: { 200: Envelope(LessonSchema), ...errorResponses(400, 404, 409) },
      },
    },
    async (request) =>
      ok(
        await service.updateLesson(
          request.principal,
          request.params.id,
          request.params.lid,
          request.body,
        ),
      ),
  );

  app.delete(
    '/courses/:id/lessons/:lid',
    {
      config: manage,
      schema: {
        tags: lessonTags,
        summary: 'Delete a lesson',
        description:
          "The lessons after it move up one. Learners' progress on it goes with it; a quiz it presented stays, without a lesson.",
        params: CourseLessonParams,
        response: { 204: Type.Null(), ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      await service.deleteLesson(request.principal, request.params.id, request.params.lid);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/courses/:id/lessons/:lid/move',
    {
      config: manage,
      schema: {
        tags: lessonTags,
        summary: 'Move a lesson within its section or to another section of the course',
        description:
          'Within its section, `position` is 0..number of lessons − 1; into another section (`sectionId`), 0..number of lessons there. Beyond that is a 400 `POSITION_OUT_OF_RANGE` (never clamped). Both sections keep positions 0..n-1.',
        params: CourseLessonParams,
        body: MoveLessonBody,
        response: { 200: Envelope(LessonSchema), ...errorResponses(400, 404, 422) },
      },
    },
    async (request) =>
      ok(
        await service.moveLesson(
          request.principal,
          request.params.id,
          request.params.lid,
          request.body,
        ),
      ),
  );

  app.get(
    '/lessons/:id',
    {
      config: { public: true, etag: true },
      schema: {
        tags: lessonTags,
        summary: "A lesson's content, for those who may study it",
        description:
          "The course's instructors and staff; learners with an active or completed enrolment in the published course; anybody for a free-preview lesson of a published course. Otherwise 401 (anonymous) or 403 `NOT_ENROLLED`; lessons of deleted or unpublished courses are 404 for everybody else.",
        params: IdParams,
        response: {
          200: Envelope(LessonContentSchema),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => ok(await service.lessonContent(request.principal, request.params.id)),
  );
};
