import { writeAudit } from '#platform/audit/index.js';
import { requirePrincipal } from '#platform/auth/access.js';
import type { Principal } from '#platform/auth/index.js';
import type { Cache } from '#platform/cache/index.js';
import type { Clock } from '#platform/clock/index.js';
import { type Database, type Executor, inTransaction } from '#platform/db/index.js';
import {
  conflict,
  forbidden,
  notFound,
  unprocessable,
  validationError,
} from '#platform/errors/index.js';
import { decodeIdCursor, type Page, pageOf } from '#platform/http/pagination.js';
import { canManageCourse, courseNotFound, findLiveCourse, requireAccess } from '../access.js';
import { courseTag } from '../cache-tags.js';
import { writeCourse } from '../course-write.js';
import { appendCourseEvent } from '../events.js';
import {
  type AttemptDto,
  type EnrolmentStatus,
  type MyCourseDto,
  type ReviewDto,
  toAttemptDto,
  toAttemptResultDto,
  toEnrolmentDto,
  toLessonProgressDto,
  toMyCourseDto,
  toRatingDto,
  toReviewDto,
} from './dto.js';
import * as repo from './repository.js';
import type { AttemptInput, ProgressInput, ReviewInput } from './schemas.js';
import { checkAnswers, type KeyQuestion, scoreQuiz } from './scoring.js';

export interface LearningServiceDeps {
  db: Database;
  cache: Cache;
  clock: Clock;
}

/** What a list asks for: the page size and the cursor of the previous page. */
interface PageQuery {
  limit: number;
  cursor?: string;
}

/**
 * The repository's keyset window for a page: one row more than asked, to tell a next page.
 * Read before anything else, so a bad cursor is a 400 whatever the list (as for every list).
 */
const windowOf = ({ limit, cursor }: PageQuery) => ({
  limit: limit + 1,
  before: cursor ? decodeIdCursor(cursor) : undefined,
});

const RATING_TTL_SECONDS = 300;

/** Builds the quiz key from the flat question × option rows, keeping their order. */
function toQuizKey(rows: Awaited<ReturnType<typeof repo.loadQuizKey>>): KeyQuestion[] {
  const questions = new Map<string, KeyQuestion>();
  for (const row of rows) {
    let question = questions.get(row.questionId);
    if (!question) {
      question = {
        id: row.questionId,
        kind: row.kind === 'multiple' ? 'multiple' : 'single',
        points: row.points,
        explanation: row.explanation,
        options: [],
      };
      questions.set(row.questionId, question);
    }
    if (row.optionId) question.options.push({ id: row.optionId, correct: row.correct ?? false });
  }
  return [...questions.values()];
}

/**
 * What learners do in a course: enrol and drop, record lesson progress, attempt quizzes and
 * review the course. Every write of a learner to a course first locks their enrolment row, so
 * concurrent requests of one learner (a player's progress pings, a double-clicked "complete")
 * run one after the other and "the first time" events fire once.
 */
export function createLearningService({ db, cache, clock }: LearningServiceDeps) {
  /** Turns an active enrolment into a completed one when every lesson is done (once). */
  async function completeCourseIfDone(tx: Executor, enrolment: repo.EnrolmentRow) {
    if (enrolment.status !== 'active' || enrolment.completedAt) return enrolment;
    const { total, completed } = await repo.courseCompletion(
      tx,
      enrolment.courseId,
      enrolment.userId,
    );
    if (total === 0 || completed < total) return enrolment;
    const updated = await repo.updateEnrolment(tx, enrolment.id, {
      status: 'completed',
      completedAt: clock.now(),
    });
    await appendCourseEvent(tx, 'course.completed', enrolment.courseId, enrolment.userId, {
      enrolmentId: enrolment.id,
      userId: enrolment.userId,
    });
    await writeAudit(tx, {
      action: 'enrolment.completed',
      resourceType: 'enrolment',
      resourceId: enrolment.id,
      details: { courseId: enrolment.courseId },
    });
    return updated;
  }

  /**
   * Records progress on a lesson: the percent never goes down, the position is the latest one
   * sent, and reaching 100 completes the lesson (the `lesson.completed` event only the first
   * time), which may complete the course.
   */
  async function recordProgress(
    tx: Executor,
    enrolment: repo.EnrolmentRow,
    lessonId: string,
    next: { percent: number; positionSeconds?: number },
  ) {
    const { userId, courseId } = enrolment;
    const existing = await repo.findProgress(tx, userId, lessonId);
    const percent = Math.max(existing?.percent ?? 0, next.percent);
    const positionSeconds = next.positionSeconds ?? existing?.positionSeconds ?? 0;
    if (
      existing &&
      existing.percent === percent &&
      existing.positionSeconds === positionSeconds &&
      (existing.completedAt || percent < 100)
    )
      return { progress: existing, enrolment };
    const newlyCompleted = percent >= 100 && !existing?.completedAt;
    const progress = await repo.upsertProgress(tx, {
      userId,
      lessonId,
      courseId,
      positionSeconds,
      percent,
      completedAt: existing?.completedAt ?? (newlyCompleted ? clock.now() : null),
      updatedAt: clock.now(),
    });
    await writeAudit(tx, {
      action: newlyCompleted ? 'lesson.completed' : 'lesson.progress_saved',
      resourceType: 'lesson',
      resourceId: lessonId,
      details: { courseId, percent, positionSeconds },
    });
    if (!newlyCompleted) return { progress, enrolment };
    await appendCourseEvent(tx, 'lesson.completed', courseId, userId, {
      lessonId,
      userId,
      enrolmentId: enrolment.id,
    });
    return { progress, enrolment: await completeCourseIfDone(tx, enrolment) };
  }

  async function progressOnLesson(
    auth: Principal | null,
    lessonId: string,
    next: { percent: number; positionSeconds?: number },
  ) {
    return inTransaction(db, async ({ tx }) => {
      const lesson = await repo.findLiveLesson(tx, lessonId);
      if (!lesson) throw notFound('Lesson', 'LESSON_NOT_FOUND');
      // The same learner predicate as the lesson's content (access.ts, `enrolmentOpensLessons`).
      const enrolment = await requireAccess(auth, 'lesson:progress', {
        tx,
        course: { id: lesson.courseId, status: lesson.courseStatus },
        notFound: () => notFound('Lesson', 'LESSON_NOT_FOUND'),
      });
      const result = await recordProgress(tx, enrolment, lesson.id, next);
      return toLessonProgressDto(result.progress, result.enrolment.status as EnrolmentStatus);
    });
  }

  return {
    /**
     * Enrols the caller in a published course. Idempotent: an existing enrolment comes back
     * as it is (`created: false`); a dropped one is reactivated.
     */
    async enrol(auth: Principal | null, idOrSlug: string) {
      const caller = await requireAccess(auth, 'enrolments:create');
      return inTransaction(db, async ({ tx }) => {
        const course = await findLiveCourse(tx, idOrSlug);
        if (!course) throw courseNotFound();
        if (course.status === 'archived')
          throw conflict('This course is archived and takes no new enrolments', 'COURSE_ARCHIVED');
        if (course.status !== 'published') {
          // Only those who may see the draft learn that it exists (see `course:read`).
          if (!(await canManageCourse(tx, caller, course.id))) throw courseNotFound();
          throw forbidden('This course is not published', 'COURSE_NOT_PUBLISHED');
        }
        const userId = caller.userId;
        const inserted = await repo.insertEnrolmentIfAbsent(tx, course.id, userId);
        if (inserted) {
          await appendCourseEvent(tx, 'enrolment.created', course.id, userId, {
            enrolmentId: inserted.id,
            userId,
          });
          await writeAudit(tx, {
            action: 'enrolment.created',
            resourceType: 'enrolment',
            resourceId: inserted.id,
            details: { courseId: course.id },
          });
          return { enrolment: toEnrolmentDto(inserted), created: true };
        }
        const existing = (await repo.findEnrolment(tx, course.id, userId, { forUpdate: true }))!;
        if (existing.status !== 'dropped')
          return { enrolment: toEnrolmentDto(existing), created: false };
        // A learner who had finished the course before dropping it keeps that achievement.
        const reactivated = await repo.updateEnrolment(tx, existing.id, {
          status: existing.completedAt ? 'completed' : 'active',
          enrolledAt: clock.now(),
          droppedAt: null,
        });
        await appendCourseEvent(tx, 'enrolment.created', course.id, userId, {
          enrolmentId: existing.id,
          userId,
          reactivated: true,
        });
        await writeAudit(tx, {
          action: 'enrolment.reactivated',
          resourceType: 'enrolment',
          resourceId: existing.id,
          details: { courseId: course.id },
        });
        return { enrolment: toEnrolmentDto(reactivated), created: true };
      });
    },

    /** Drops the caller's enrolment (progress is kept for a later re-enrolment). */
    async drop(auth: Principal | null, idOrSlug: string): Promise<void> {
      const caller = await requireAccess(auth, 'enrolments:create');
      await inTransaction(db, async ({ tx }) => {
        const course = await findLiveCourse(tx, idOrSlug);
        if (!course) throw courseNotFound();
        const enrolment = await repo.findEnrolment(tx, course.id, caller.userId, {
          forUpdate: true,
        });
        if (!enrolment || enrolment.status === 'dropped')
          throw notFound('Enrolment', 'NOT_ENROLLED');
        await repo.updateEnrolment(tx, enrolment.id, { status: 'dropped', droppedAt: clock.now() });
        await appendCourseEvent(tx, 'enrolment.dropped', course.id, caller.userId, {
          enrolmentId: enrolment.id,
          userId: caller.userId,
        });
        await writeAudit(tx, {
          action: 'enrolment.dropped',
          resourceType: 'enrolment',
          resourceId: enrolment.id,
          details: { courseId: course.id },
        });
      });
    },

    async myCourses(
      auth: Principal | null,
      query: PageQuery & { status?: EnrolmentStatus },
    ): Promise<Page<MyCourseDto>> {
      const window = windowOf(query);
      const caller = await requireAccess(auth, 'learning:read');
      const rows = await repo.listMyCourses(db, caller.userId, { ...window, status: query.status });
      return pageOf(rows.map(toMyCourseDto), query.limit, (last) => ({ id: last.enrolmentId }));
    },

    saveProgress(auth: Principal | null, lessonId: string, input: ProgressInput) {
      return progressOnLesson(auth, lessonId, input);
    },

    completeLesson(auth: Principal | null, lessonId: string) {
      return progressOnLesson(auth, lessonId, { percent: 100 });
    },

    /**
     * Scores and stores an attempt. A passed attempt at a quiz presented by a lesson completes
     * that lesson.
     */
    async submitAttempt(auth: Principal | null, quizId: string, input: AttemptInput) {
      return inTransaction(db, async ({ tx }) => {
        const quiz = await repo.findLiveQuiz(tx, quizId);
        if (!quiz) throw notFound('Quiz', 'QUIZ_NOT_FOUND');
        const enrolment = await requireAccess(auth, 'lesson:progress', {
          tx,
          course: { id: quiz.courseId, status: quiz.courseStatus },
          notFound: () => notFound('Quiz', 'QUIZ_NOT_FOUND'),
        });
        const caller = requirePrincipal(auth);
        const key = toQuizKey(await repo.loadQuizKey(tx, quiz.id));
        if (key.length === 0)
          throw unprocessable('This quiz has no questions yet', undefined, 'QUIZ_HAS_NO_QUESTIONS');
        const problems = checkAnswers(key, input.answers);
        if (problems.length > 0)
          throw validationError('Some answers do not fit this quiz', problems, 'INVALID_ANSWERS');
        const score = scoreQuiz(key, input.answers, quiz.passPercent);
        const attempt = await repo.insertAttempt(
          tx,
          {
            quizId: quiz.id,
            userId: caller.userId,
            points: score.points,
            maxPoints: score.maxPoints,
            scorePercent: score.scorePercent,
            passed: score.passed,
          },
          input.answers.flatMap((a) =>
            a.optionIds.map((optionId) => ({ questionId: a.questionId, optionId })),
          ),
        );
        await writeAudit(tx, {
          action: 'quiz.attempted',
          resourceType: 'quiz_attempt',
          resourceId: attempt.id,
          details: { quizId: quiz.id, scorePercent: score.scorePercent, passed: score.passed },
        });
        if (score.passed && quiz.lessonId)
          await recordProgress(tx, enrolment, quiz.lessonId, { percent: 100 });
        return toAttemptResultDto(attempt, score.questions);
      });
    },

    /** Own attempts; the course's instructors see everybody's, or one learner's (`userId`). */
    async listAttempts(
      auth: Principal | null,
      quizId: string,
      options: PageQuery & { userId?: string },
    ): Promise<Page<AttemptDto>> {
      const window = windowOf(options);
      const caller = await requireAccess(auth, 'learning:read');
      const quiz = await repo.findLiveQuiz(db, quizId);
      if (!quiz) throw notFound('Quiz', 'QUIZ_NOT_FOUND');
      const manages = await canManageCourse(db, caller, quiz.courseId);
      if (options.userId && options.userId !== caller.userId && !manages)
        throw forbidden(
          "Only the course's instructors may see other learners' attempts",
          'NOT_COURSE_INSTRUCTOR',
        );
      const userId = options.userId ?? (manages ? undefined : caller.userId);
      const rows = await repo.listAttempts(db, quiz.id, { ...window, userId });
      return pageOf(rows.map(toAttemptDto), options.limit, (last) => ({ id: last.id }));
    },

    /** Creates (`created: true`) or replaces the caller's review of a course they take. */
    async putReview(auth: Principal | null, idOrSlug: string, input: ReviewInput) {
      return inTransaction(db, async (uow) => {
        const { tx } = uow;
        const { course } = await requireAccess(auth, 'course:review', { tx, course: idOrSlug });
        const caller = requirePrincipal(auth);
        // The rating shows in the course detail, so its version (ETag) moves too.
        return writeCourse(uow, cache, course.id, {}, async () => {
          const existing = await repo.findReview(tx, course.id, caller.userId);
          const body = input.body ?? null;
          if (existing) {
            await repo.updateReview(tx, existing.id, { rating: input.rating, body });
          } else {
            await repo.insertReview(tx, {
              courseId: course.id,
              userId: caller.userId,
              rating: input.rating,
              body,
            });
          }
          const review = (await repo.findReview(tx, course.id, caller.userId))!;
          if (!existing)
            await appendCourseEvent(tx, 'review.created', course.id, caller.userId, {
              reviewId: review.id,
              userId: caller.userId,
              rating: review.rating,
            });
          await writeAudit(tx, {
            action: existing ? 'review.updated' : 'review.created',
            resourceType: 'review',
            resourceId: review.id,
            details: { courseId: course.id, rating: review.rating },
          });
          return { review: toReviewDto(review), created: !existing };
        });
      });
    },

    async deleteReview(auth: Principal | null, idOrSlug: string): Promise<void> {
      const caller = await requireAccess(auth, 'enrolments:create');
      await inTransaction(db, async (uow) => {
        const { tx } = uow;
        const course = await findLiveCourse(tx, idOrSlug);
        if (!course) throw courseNotFound();
        // The rating shows in the course detail, so its version (ETag) moves too.
        await writeCourse(uow, cache, course.id, {}, async () => {
          const deleted = await repo.deleteReview(tx, course.id, caller.userId);
          if (!deleted) throw notFound('Review', 'REVIEW_NOT_FOUND');
          await writeAudit(tx, {
            action: 'review.deleted',
            resourceType: 'review',
            resourceId: deleted.id,
            details: { courseId: course.id, rating: deleted.rating },
          });
        });
      });
    },

    async listReviews(
      auth: Principal | null,
      idOrSlug: string,
      query: PageQuery,
    ): Promise<Page<ReviewDto>> {
      const window = windowOf(query);
      const course = await requireAccess(auth, 'course:read', { tx: db, course: idOrSlug });
      const rows = await repo.listReviews(db, course.id, window);
      return pageOf(rows.map(toReviewDto), query.limit, (last) => ({ id: last.id }));
    },

    async rating(auth: Principal | null, idOrSlug: string) {
      const course = await requireAccess(auth, 'course:read', { tx: db, course: idOrSlug });
      return cache.getOrLoad(
        `course:${course.id}:rating`,
        async () => toRatingDto(course.id, await repo.ratingSummary(db, course.id)),
        { ttl: RATING_TTL_SECONDS, tags: [courseTag(course.id)] },
      );
    },
  };
}

export type LearningService = ReturnType<typeof createLearningService>;
