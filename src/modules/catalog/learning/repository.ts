import { and, asc, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { users } from '#platform/auth/tables.js';
import type { Executor } from '#platform/db/index.js';
import {
  courseReviews,
  courses,
  type EnrolmentRow,
  enrolments,
  type LessonProgressRow,
  lessonProgress,
  lessons,
  quizAttemptAnswers,
  quizAttempts,
  quizOptions,
  quizQuestions,
  quizzes,
  type ReviewRow,
} from '../tables.js';

export type { EnrolmentRow, LessonProgressRow, ReviewRow };
export type AttemptRow = typeof quizAttempts.$inferSelect;

// ── Enrolments ───────────────────────────────────────────────────────────────

export async function findEnrolment(
  executor: Executor,
  courseId: string,
  userId: string,
  { forUpdate = false } = {},
): Promise<EnrolmentRow | undefined> {
  const query = executor
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.courseId, courseId), eq(enrolments.userId, userId)));
  const [row] = await (forUpdate ? query.for('update') : query);
  return row;
}

/** Inserts an active enrolment unless the learner already has one (of any status). */
export async function insertEnrolmentIfAbsent(
  tx: Executor,
  courseId: string,
  userId: string,
): Promise<EnrolmentRow | undefined> {
  const [row] = await tx
    .insert(enrolments)
    .values({ courseId, userId })
    .onConflictDoNothing({ target: [enrolments.courseId, enrolments.userId] })
    .returning();
  return row;
}

export async function updateEnrolment(
  tx: Executor,
  id: string,
  values: Partial<typeof enrolments.$inferInsert>,
): Promise<EnrolmentRow> {
  const [row] = await tx.update(enrolments).set(values).where(eq(enrolments.id, id)).returning();
  return row!;
}

/**
 * Progress of an enrolment as correlated subqueries over the lessons and the learner's progress
 * rows, so a page of enrolments with their progress is one query.
 */
const progressColumns = {
  totalLessons: sql<number>`(select count(*)::int from ${lessons} where ${lessons.courseId} = ${enrolments.courseId})`,
  completedLessons: sql<number>`(select count(*)::int from ${lessonProgress} lp join ${lessons} l on l.id = lp.lesson_id where lp.user_id = ${enrolments.userId} and l.course_id = ${enrolments.courseId} and lp.completed_at is not null)`,
  lastActivityAt:
    sql<Date | null>`(select max(lp.updated_at) from ${lessonProgress} lp where lp.user_id = ${enrolments.userId} and lp.course_id = ${enrolments.courseId})`.mapWith(
      lessonProgress.updatedAt,
    ),
};

/** What a list of enrolments shows of each one. */
const enrolmentSummaryColumns = {
  id: enrolments.id,
  status: enrolments.status,
  enrolledAt: enrolments.enrolledAt,
  completedAt: enrolments.completedAt,
};

type EnrolmentSummary = Pick<EnrolmentRow, keyof typeof enrolmentSummaryColumns>;

export interface ProgressCounts {
  totalLessons: number;
  completedLessons: number;
  lastActivityAt: Date | null;
}

export type MyCourseRow = EnrolmentSummary & {
  course: { id: string; slug: string; title: string; status: string };
} & ProgressCounts;

/** A learner's enrolments in live courses, newest first; `before` is the last id of a page. */
export async function listMyCourses(
  executor: Executor,
  userId: string,
  options: { status?: string; before?: string; limit: number },
): Promise<MyCourseRow[]> {
  return executor
    .select({
      ...enrolmentSummaryColumns,
      course: { id: courses.id, slug: courses.slug, title: courses.title, status: courses.status },
      ...progressColumns,
    })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .where(
      and(
        eq(enrolments.userId, userId),
        isNull(courses.deletedAt),
        options.status ? eq(enrolments.status, options.status) : undefined,
        options.before ? lt(enrolments.id, options.before) : undefined,
      ),
    )
    .orderBy(desc(enrolments.id))
    .limit(options.limit);
}

export type ExportRow = EnrolmentSummary & {
  name: string;
  email: string;
} & ProgressCounts;

/** One batch of a course's enrolments for the CSV export, oldest first, after `afterId`. */
export async function listEnrolmentsForExport(
  executor: Executor,
  courseId: string,
  afterId: string | undefined,
  limit: number,
): Promise<ExportRow[]> {
  return executor
    .select({
      ...enrolmentSummaryColumns,
      name: users.name,
      email: users.email,
      ...progressColumns,
    })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(and(eq(enrolments.courseId, courseId), afterId ? gt(enrolments.id, afterId) : undefined))
    .orderBy(asc(enrolments.id))
    .limit(limit);
}

// ── Lessons and progress ─────────────────────────────────────────────────────

/** A lesson whose course is live, or undefined. */
export async function findLiveLesson(executor: Executor, lessonId: string) {
  const [row] = await executor
    .select({ id: lessons.id, courseId: lessons.courseId, courseStatus: courses.status })
    .from(lessons)
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .where(and(eq(lessons.id, lessonId), isNull(courses.deletedAt)));
  return row;
}

export async function findProgress(
  executor: Executor,
  userId: string,
  lessonId: string,
): Promise<LessonProgressRow | undefined> {
  const [row] = await executor
    .select()
    .from(lessonProgress)
    .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.lessonId, lessonId)));
  return row;
}

export async function upsertProgress(
  tx: Executor,
  values: {
    userId: string;
    lessonId: string;
    courseId: string;
    positionSeconds: number;
    percent: number;
    completedAt: Date | null;
    updatedAt: Date;
  },
): Promise<LessonProgressRow> {
  const { positionSeconds, percent, completedAt, updatedAt } = values;
  const [row] = await tx
    .insert(lessonProgress)
    .values(values)
    .onConflictDoUpdate({
      target: [lessonProgress.userId, lessonProgress.lessonId],
      set: { positionSeconds, percent, completedAt, updatedAt },
    })
    .returning();
  return row!;
}

/** How many lessons the course has and how many of them the learner completed. */
export async function courseCompletion(executor: Executor, courseId: string, userId: string) {
  const [row] = await executor
    .select({
      total: sql<number>`count(*)::int`,
      completed: sql<number>`count(${lessonProgress.completedAt})::int`,
    })
    .from(lessons)
    .leftJoin(
      lessonProgress,
      and(eq(lessonProgress.lessonId, lessons.id), eq(lessonProgress.userId, userId)),
    )
    .where(eq(lessons.courseId, courseId));
  return row ?? { total: 0, completed: 0 };
}

// ── Quizzes and attempts ─────────────────────────────────────────────────────

/** A quiz whose course is live, with the lesson it completes (only if in the same course). */
export async function findLiveQuiz(executor: Executor, quizId: string) {
  const [row] = await executor
    .select({
      id: quizzes.id,
      courseId: quizzes.courseId,
      passPercent: quizzes.passPercent,
      courseStatus: courses.status,
      lessonId: sql<
        string | null
      >`case when ${lessons.courseId} = ${quizzes.courseId} then ${lessons.id} end`,
    })
    .from(quizzes)
    .innerJoin(courses, eq(courses.id, quizzes.courseId))
    .leftJoin(lessons, eq(lessons.id, quizzes.lessonId))
    .where(and(eq(quizzes.id, quizId), isNull(courses.deletedAt)));
  return row;
}

/** The quiz's questions in order, each with its options in order (one query). */
export async function loadQuizKey(executor: Executor, quizId: string) {
  const rows = await executor
    .select({
      questionId: quizQuestions.id,
      kind: quizQuestions.kind,
      points: quizQuestions.points,
      explanation: quizQuestions.explanation,
      optionId: quizOptions.id,
      correct: quizOptions.correct,
    })
    .from(quizQuestions)
    .leftJoin(quizOptions, eq(quizOptions.questionId, quizQuestions.id))
    .where(eq(quizQuestions.quizId, quizId))
    .orderBy(asc(quizQuestions.position), asc(quizQuestions.id), asc(quizOptions.position));
  return rows;
}

export async function insertAttempt(
  tx: Executor,
  attempt: typeof quizAttempts.$inferInsert,
  answers: Array<{ questionId: string; optionId: string }>,
): Promise<AttemptRow> {
  const [row] = await tx.insert(quizAttempts).values(attempt).returning();
  if (answers.length > 0)
    await tx.insert(quizAttemptAnswers).values(answers.map((a) => ({ attemptId: row!.id, ...a })));
  return row!;
}

/** Attempts at a quiz, newest first, of one learner or of everybody. */
export async function listAttempts(
  executor: Executor,
  quizId: string,
  options: { userId?: string; before?: string; limit: number },
): Promise<AttemptRow[]> {
  return executor
    .select()
    .from(quizAttempts)
    .where(
      and(
        eq(quizAttempts.quizId, quizId),
        options.userId ? eq(quizAttempts.userId, options.userId) : undefined,
        options.before ? lt(quizAttempts.id, options.before) : undefined,
      ),
    )
    .orderBy(desc(quizAttempts.id))
    .limit(options.limit);
}

// ── Reviews ──────────────────────────────────────────────────────────────────

export type ReviewWithReviewer = ReviewRow & { reviewerName: string };

const reviewColumns = {
  id: courseReviews.id,
  courseId: courseReviews.courseId,
  userId: courseReviews.userId,
  rating: courseReviews.rating,
  body: courseReviews.body,
  createdAt: courseReviews.createdAt,
  updatedAt: courseReviews.updatedAt,
  reviewerName: users.name,
};

export async function findReview(
  executor: Executor,
  courseId: string,
  userId: string,
): Promise<ReviewWithReviewer | undefined> {
  const [row] = await executor
    .select(reviewColumns)
    .from(courseReviews)
    .innerJoin(users, eq(users.id, courseReviews.userId))
    .where(and(eq(courseReviews.courseId, courseId), eq(courseReviews.userId, userId)));
  return row;
}

export async function insertReview(
  tx: Executor,
  values: { courseId: string; userId: string; rating: number; body: string | null },
): Promise<void> {
  await tx.insert(courseReviews).values(values);
}

export async function updateReview(
  tx: Executor,
  id: string,
  values: { rating: number; body?: string | null },
): Promise<void> {
  await tx.update(courseReviews).set(values).where(eq(courseReviews.id, id));
}

export async function deleteReview(tx: Executor, courseId: string, userId: string) {
  const [row] = await tx
    .delete(courseReviews)
    .where(and(eq(courseReviews.courseId, courseId), eq(courseReviews.userId, userId)))
    .returning({ id: courseReviews.id, rating: courseReviews.rating });
  return row;
}

/** A course's reviews, newest first; `before` is the last id of the previous page. */
export async function listReviews(
  executor: Executor,
  courseId: string,
  options: { before?: string; limit: number },
): Promise<ReviewWithReviewer[]> {
  return executor
    .select(reviewColumns)
    .from(courseReviews)
    .innerJoin(users, eq(users.id, courseReviews.userId))
    .where(
      and(
        eq(courseReviews.courseId, courseId),
        options.before ? lt(courseReviews.id, options.before) : undefined,
      ),
    )
    .orderBy(desc(courseReviews.id))
    .limit(options.limit);
}

/** Count, mean and histogram of a course's ratings, in one aggregate. */
export async function ratingSummary(executor: Executor, courseId: string) {
  const star = (n: number) =>
    sql<number>`(count(*) filter (where ${courseReviews.rating} = ${n}))::int`;
  const [row] = await executor
    .select({
      count: sql<number>`count(*)::int`,
      average: sql<number | null>`round(avg(${courseReviews.rating}), 2)::float8`,
      1: star(1),
      2: star(2),
      3: star(3),
      4: star(4),
      5: star(5),
    })
    .from(courseReviews)
    .where(eq(courseReviews.courseId, courseId));
  return row!;
}
