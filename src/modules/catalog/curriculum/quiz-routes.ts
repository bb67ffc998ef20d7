import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Envelope, errorResponses, ok, PageEnvelope } from '#platform/http/envelope.js';
import { etagOf, ifMatchVersion, sendWithEtag } from '#platform/http/etag.js';
import { sendPage } from '#platform/http/pagination.js';
import type { QuizService } from './quiz-service.js';
import {
  CourseParams,
  CreateQuizBody,
  IdParams,
  ListQuizzesQuery,
  QuizSchema,
  QuizSummarySchema,
  ReplaceQuizBody,
} from './schemas.js';

const manage = { permission: 'courses:manage' } as const;
const tags = ['quizzes'];

export const quizRoutes: FastifyPluginAsyncTypebox<{ service: QuizService }> = async (
  app,
  { service },
) => {
  app.post(
    '/courses/:id/quizzes',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create a quiz',
        description:
          '1–100 questions of 2–10 options; a single-choice question has exactly one correct option, a multiple-choice one at least one (400 `INVALID_QUIZ`). `lessonId` must be a quiz lesson of the course (400 `INVALID_QUIZ`) that presents no other quiz (409 `LESSON_HAS_QUIZ`).',
        params: CourseParams,
        body: CreateQuizBody,
        response: { 201: Envelope(QuizSchema), ...errorResponses(400, 404, 409) },
      },
    },
    async (request, reply) => {
      const quiz = await service.createQuiz(request.principal, request.params.id, request.body);
      return reply
        .status(201)
        .header('Location', `/api/v1/quizzes/${quiz.id}`)
        .header('ETag', etagOf({ version: quiz.version }))
        .send(ok(quiz));
    },
  );

  app.get(
    '/courses/:id/quizzes',
    {
      config: manage,
      schema: {
        tags,
        summary: "A course's quizzes, for its instructors",
        params: CourseParams,
        querystring: ListQuizzesQuery,
        response: { 200: PageEnvelope(QuizSummarySchema), ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const page = await service.listQuizzes(request.principal, request.params.id, request.query);
      return sendPage(request, reply, page, request.query.limit);
    },
  );

  app.get(
    '/quizzes/:id',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'A quiz',
        description:
          'Those who manage the course see the answer key (`correct`, `explanation`) and an ETag `"<version>"` for `PUT`. Learners who may see the quiz\'s lesson (enrolled, or a free preview) get the questions without any answer key. Quizzes of unpublished or deleted courses are 404 for everybody else.',
        params: IdParams,
        response: { 200: Envelope(QuizSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { quiz, withAnswers } = await service.getQuiz(request.principal, request.params.id);
      // Only the answer-key view is versioned for If-Match; the learner view is tagged by content.
      return sendWithEtag(request, reply, ok(quiz), withAnswers ? quiz.version : undefined);
    },
  );

  app.put(
    '/quizzes/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: "Replace a quiz's title, pass mark and questions",
        description:
          'Needs `If-Match` with the ETag `"<version>"` of `GET /quizzes/:id` as its managers see it (a list matches when any member does, `*` matches the current version; weak tags never match). 428 `PRECONDITION_REQUIRED` without it, 412 `VERSION_MISMATCH` with the current `ETag` when stale, 400 `INVALID_IF_MATCH` when malformed. Bumps the version and answers with the new `ETag`. `passPercent` absent means 60. Questions get new ids: answers of earlier attempts are not kept (their scores are).',
        params: IdParams,
        body: ReplaceQuizBody,
        response: { 200: Envelope(QuizSchema), ...errorResponses(400, 404, 412, 428) },
      },
    },
    async (request, reply) => {
      const quiz = await service.replaceQuiz(
        request.principal,
        request.params.id,
        ifMatchVersion(request),
        request.body,
      );
      reply.header('ETag', etagOf({ version: quiz.version }));
      return ok(quiz);
    },
  );

  app.delete(
    '/quizzes/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Delete a quiz',
        description:
          'Its attempts go with it. An `If-Match` is optional but honoured (412 `VERSION_MISMATCH` when stale).',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 404, 412) },
      },
    },
    async (request, reply) => {
      await service.deleteQuiz(request.principal, request.params.id, ifMatchVersion(request));
      return reply.status(204).send(null);
    },
  );
};
