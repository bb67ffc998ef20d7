import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Envelope, errorResponses, ok, PageEnvelope } from '#platform/http/envelope.js';
import { LimitQuerySchema, sendPage } from '#platform/http/pagination.js';
import type { AnalyticsService } from './analytics-service.js';
import {
  AnalyticsQuery,
  AnalyticsSchema,
  AttemptBody,
  AttemptResultSchema,
  AttemptSummarySchema,
  AttemptsQuery,
  CourseParams,
  EnrolmentSchema,
  LessonParams,
  LessonProgressSchema,
  MyCourseSchema,
  MyCoursesQuery,
  ProgressBody,
  QuizParams,
  RatingSchema,
  ReviewBody,
  ReviewSchema,
} from './schemas.js';
import type { LearningService } from './service.js';

const learner = { permission: 'enrolments:create' } as const;
const instructor = { permission: 'courses:manage' } as const;
const PageQuery = Type.Object({ ...LimitQuerySchema.properties }, { additionalProperties: false });

const SCORING_RULE =
  'Scored on the server: a single-choice question scores its points when the one chosen option is correct; a multiple-choice question scores its points only when exactly the set of correct options is chosen (no partial credit); unanswered questions score nothing. Unknown question or option ids, a question answered twice or several options for a single-choice question are a 400 `INVALID_ANSWERS`. The result shows, per question, whether it was right, the correct options and the explanation. A passed attempt at a quiz presented by a lesson completes that lesson.';

export const learningRoutes: FastifyPluginAsyncTypebox<{
  learning: LearningService;
  insights: AnalyticsService;
}> = async (app, { learning, insights }) => {
  app.post(
    '/courses/:id/enrol',
    {
      config: learner,
      schema: {
        tags: ['learning'],
        summary: 'Enrol in a course',
        description:
          'Published courses only (a draft is 404 `COURSE_NOT_FOUND`, or 403 `COURSE_NOT_PUBLISHED` to its instructors; an archived course 409 `COURSE_ARCHIVED`). Idempotent: 201 with the new enrolment, 200 with the existing one when already enrolled; enrolling again after dropping reactivates the enrolment (201).',
        params: CourseParams,
        response: {
          200: Envelope(EnrolmentSchema),
          201: Envelope(EnrolmentSchema),
          ...errorResponses(400, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const caller = request.principal;
      const { enrolment, created } = await learning.enrol(caller, request.params.id);
      return reply.status(created ? 201 : 200).send(ok(enrolment));
    },
  );

  app.delete(
    '/courses/:id/enrol',
    {
      config: learner,
      schema: {
        tags: ['learning'],
        summary: 'Drop a course',
        description:
          'Progress is kept, should the learner enrol again. 404 `NOT_ENROLLED` when not enrolled.',
        params: CourseParams,
        response: { 204: Type.Null(), ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      await learning.drop(request.principal, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me/courses',
    {
      config: { permission: 'learning:read' },
      schema: {
        tags: ['learning'],
        summary: "The caller's courses, with progress",
        description: 'Newest enrolment first; `status` filters.',
        querystring: MyCoursesQuery,
        response: { 200: PageEnvelope(MyCourseSchema), ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const page = await learning.myCourses(request.principal, request.query);
      return sendPage(request, reply, page, request.query.limit);
    },
  );

  app.put(
    '/lessons/:id/progress',
    {
      config: learner,
      schema: {
        tags: ['learning'],
        summary: 'Record progress on a lesson',
        description:
          'For learners enrolled in the course (else 403 `NOT_ENROLLED`); lessons of a course that is not published are 404. Idempotent; `percent` never goes down (the highest value is kept), `positionSeconds` is the latest. Reaching 100 completes the lesson, and completing every lesson completes the course.',
        params: LessonParams,
        body: ProgressBody,
        response: { 200: Envelope(LessonProgressSchema), ...errorResponses(400, 404) },
      },
    },
    async (request) =>
      ok(await learning.saveProgress(request.principal, request.params.id, request.body)),
  );

  app.post(
    '/lessons/:id/complete',
    {
      config: learner,
      schema: {
        tags: ['learning'],
        summary: 'Mark a lesson complete',
        description:
          'Idempotent. Completing the last lesson of a course completes the enrolment (`course.completed`).',
        params: LessonParams,
        response: { 200: Envelope(LessonProgressSchema), ...errorResponses(400, 404) },
      },
    },
    async (request) => ok(await learning.completeLesson(request.principal, request.params.id)),
  );

  app.post(
    '/quizzes/:id/attempts',
    {
      config: learner,
      schema: {
        tags: ['learning'],
        summary: 'Attempt a quiz',
        description: SCORING_RULE,
        params: QuizParams,
        body: AttemptBody,
        response: { 201: Envelope(AttemptResultSchema), ...errorResponses(400, 404, 422) },
      },
    },
    async (request, reply) => {
      const result = await learning.submitAttempt(
        request.principal,
        request.params.id,
        request.body,
      );
      return reply.status(201).send(ok(result));
    },
  );

  app.get(
    '/quizzes/:id/attempts',
    {
      config: { permission: 'learning:read' },
      schema: {
        tags: ['learning'],
        summary: 'Attempts at a quiz',
        description:
          "The caller's own attempts, newest first. The course's instructors (and `courses:manage_any`) see everybody's, or one learner's with `userId`.",
        params: QuizParams,
        querystring: AttemptsQuery,
        response: { 200: PageEnvelope(AttemptSummarySchema), ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const page = await learning.listAttempts(request.principal, request.params.id, request.query);
      return sendPage(request, reply, page, request.query.limit);
    },
  );

  app.put(
    '/courses/:id/review',
    {
      config: learner,
      schema: {
        tags: ['reviews'],
        summary: 'Review a course',
        description:
          'For learners enrolled in the course (active or completed). One review per learner: 201 the first time, 200 when it replaces the earlier one.',
        params: CourseParams,
        body: ReviewBody,
        response: {
          200: Envelope(ReviewSchema),
          201: Envelope(ReviewSchema),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const { review, created } = await learning.putReview(
        request.principal,
        request.params.id,
        request.body,
      );
      return reply.status(created ? 201 : 200).send(ok(review));
    },
  );

  app.delete(
    '/courses/:id/review',
    {
      config: learner,
      schema: {
        tags: ['reviews'],
        summary: 'Delete your review of a course',
        params: CourseParams,
        response: { 204: Type.Null(), ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      await learning.deleteReview(request.principal, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/courses/:id/reviews',
    {
      config: { public: true },
      schema: {
        tags: ['reviews'],
        summary: "A course's reviews, newest first",
        description: 'Public for published courses. Reviewers appear by display name only.',
        params: CourseParams,
        querystring: PageQuery,
        response: { 200: PageEnvelope(ReviewSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const page = await learning.listReviews(request.principal, request.params.id, request.query);
      return sendPage(request, reply, page, request.query.limit);
    },
  );

  app.get(
    '/courses/:id/rating',
    {
      config: { public: true, etag: true },
      schema: {
        tags: ['reviews'],
        summary: "A course's rating",
        description:
          'Mean (two decimals; null without reviews), count and a histogram of 1–5 stars.',
        params: CourseParams,
        response: { 200: Envelope(RatingSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ok(await learning.rating(request.principal, request.params.id)),
  );

  app.get(
    '/courses/:id/analytics',
    {
      config: { ...instructor, etag: true },
      schema: {
        tags: ['analytics'],
        summary: "A course's learning analytics",
        description:
          "For the course's instructors and `courses:manage_any`. Enrolments, completions and drops per UTC day over the last `days` days; completion rate (completed ÷ all enrolments); average progress of active and completed enrolments; each quiz's score distribution in ten buckets and mean (all attempts); and, per lesson in course order, how many enrolled learners started and completed it.",
        params: CourseParams,
        querystring: AnalyticsQuery,
        response: { 200: Envelope(AnalyticsSchema), ...errorResponses(400, 404) },
      },
    },
    async (request) =>
      ok(await insights.courseAnalytics(request.principal, request.params.id, request.query.days)),
  );

  app.get(
    '/courses/:id/enrolments.csv',
    {
      config: instructor,
      schema: {
        tags: ['analytics'],
        summary: "Download a course's enrolments as CSV",
        description:
          "For the course's instructors and `courses:manage_any`. One row per enrolment: learner name, email, status, enrolled at, completed at, progress percent, last activity. Streamed.",
        params: CourseParams,
        response: {
          200: {
            description: 'CSV with a header row (RFC 4180, UTF-8)',
            // Typed as the stream the handler sends; documented as the string it becomes.
            content: { 'text/csv': { schema: Type.Unsafe<Readable>(Type.String()) } },
          },
          ...errorResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const { slug, csv } = await insights.exportEnrolments(
        request.principal,
        request.params.id,
        (err) => request.log.warn({ err }, 'enrolments CSV export stopped'),
      );
      const filename = `${slug.replace(/[^A-Za-z0-9._-]/g, '_')}-enrolments.csv`;
      return reply
        .header('Content-Type', 'text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${filename}"`)
        .send(csv);
    },
  );
};
