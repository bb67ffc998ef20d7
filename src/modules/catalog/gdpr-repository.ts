import { asc, eq, inArray, or, sql } from 'drizzle-orm';
import { type Executor, rowsOf } from '#platform/db/index.js';
import {
  courseInstructors,
  courseReviews,
  courses,
  enrolments,
  lessonProgress,
  lessons,
  quizAttemptAnswers,
  quizAttempts,
  quizzes,
} from './tables.js';

/*
 * What the catalog holds about one person, for `GET /users/:id/export` and
 * `POST /users/:id/erase`. Every function takes the caller's transaction.
 */

export async function enrolmentsOf(executor: Executor, userId: string) {
  return executor
    .select({
      id: enrolments.id,
      courseId: enrolments.courseId,
      courseTitle: courses.title,
      status: enrolments.status,
      enrolledAt: enrolments.enrolledAt,
      completedAt: enrolments.completedAt,
      droppedAt: enrolments.droppedAt,
    })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .where(eq(enrolments.userId, userId))
    .orderBy(asc(enrolments.id));
}

export async function progressOf(executor: Executor, userId: string) {
  return executor
    .select({
      lessonId: lessonProgress.lessonId,
      courseId: lessonProgress.courseId,
      positionSeconds: lessonProgress.positionSeconds,
      percent: lessonProgress.percent,
      completedAt: lessonProgress.completedAt,
      createdAt: lessonProgress.createdAt,
      updatedAt: lessonProgress.updatedAt,
    })
    .from(lessonProgress)
    .where(eq(lessonProgress.userId, userId))
    .orderBy(asc(lessonProgress.courseId), asc(lessonProgress.lessonId));
}

export async function attemptsOf(executor: Executor, userId: string) {
  return executor
    .select({
      id: quizAttempts.id,
      quizId: quizAttempts.quizId,
      courseId: quizzes.courseId,
      points: quizAttempts.points,
      maxPoints: quizAttempts.maxPoints,
      scorePercent: quizAttempts.scorePercent,
      passed: quizAttempts.passed,
      submittedAt: quizAttempts.submittedAt,
    })
    .from(quizAttempts)
    .innerJoin(quizzes, eq(quizzes.id, quizAttempts.quizId))
    .where(eq(quizAttempts.userId, userId))
    .orderBy(asc(quizAttempts.id));
}

/** The options the person chose, per attempt of theirs. */
export async function answersOf(executor: Executor, userId: string) {
  return executor
    .select({
      attemptId: quizAttemptAnswers.attemptId,
      questionId: quizAttemptAnswers.questionId,
      optionId: quizAttemptAnswers.optionId,
    })
    .from(quizAttemptAnswers)
    .innerJoin(quizAttempts, eq(quizAttempts.id, quizAttemptAnswers.attemptId))
    .where(eq(quizAttempts.userId, userId))
    .orderBy(asc(quizAttemptAnswers.attemptId), asc(quizAttemptAnswers.questionId));
}

export async function reviewsOf(executor: Executor, userId: string) {
  return executor
    .select({
      id: courseReviews.id,
      courseId: courseReviews.courseId,
      rating: courseReviews.rating,
      body: courseReviews.body,
      createdAt: courseReviews.createdAt,
      updatedAt: courseReviews.updatedAt,
    })
    .from(courseReviews)
    .where(eq(courseReviews.userId, userId))
    .orderBy(asc(courseReviews.id));
}

export async function instructorshipsOf(executor: Executor, userId: string) {
  return executor
    .select({
      courseId: courseInstructors.courseId,
      courseTitle: courses.title,
      role: courseInstructors.role,
      createdAt: courseInstructors.createdAt,
    })
    .from(courseInstructors)
    .innerJoin(courses, eq(courses.id, courseInstructors.courseId))
    .where(eq(courseInstructors.userId, userId))
    .orderBy(asc(courseInstructors.courseId));
}

/** Courses whose row names the person as its author or last editor. */
export async function coursesAuthoredBy(executor: Executor, userId: string) {
  return executor
    .select({
      id: courses.id,
      slug: courses.slug,
      title: courses.title,
      status: courses.status,
      createdByThem: sql<boolean>`${courses.createdBy} = ${userId}`,
      lastUpdatedByThem: sql<boolean>`${courses.updatedBy} = ${userId}`,
      createdAt: courses.createdAt,
    })
    .from(courses)
    .where(or(eq(courses.createdBy, userId), eq(courses.updatedBy, userId)))
    .orderBy(asc(courses.id));
}

/**
 * Courses whose detail shows something of the person (a review, an instructorship, an
 * enrolment in its counts): their version moves and their cached views go after an erasure.
 */
export async function coursesShowing(executor: Executor, userId: string): Promise<string[]> {
  const result = await executor.execute(sql`
    select course_id as id from ${courseReviews} where user_id = ${userId}
    union select course_id from ${courseInstructors} where user_id = ${userId}
    union select course_id from ${enrolments} where user_id = ${userId}`);
  return rowsOf<{ id: string }>(result).map((r) => r.id);
}

/** Deletes the person's attempts (their answers go with them), progress and enrolments. */
export async function deleteLearningOf(tx: Executor, userId: string): Promise<void> {
  await tx.delete(quizAttempts).where(eq(quizAttempts.userId, userId));
  await tx.delete(lessonProgress).where(eq(lessonProgress.userId, userId));
  await tx.delete(enrolments).where(eq(enrolments.userId, userId));
}

/**
 * Keeps the person's ratings (the courses' rating history and averages stay as they were) but
 * clears the text they wrote; the review stays attached to the anonymised account row.
 */
export async function anonymiseReviewsOf(tx: Executor, userId: string): Promise<void> {
  await tx
    .update(courseReviews)
    .set({ body: null, updatedAt: sql`${courseReviews.updatedAt}` })
    .where(eq(courseReviews.userId, userId));
}

export async function deleteInstructorshipsOf(tx: Executor, userId: string): Promise<void> {
  await tx.delete(courseInstructors).where(eq(courseInstructors.userId, userId));
}

/** School content stays; only the columns naming the person as author or editor are cleared. */
export async function detachAuthorship(tx: Executor, userId: string): Promise<void> {
  for (const table of [courses, lessons, quizzes]) {
    await tx.update(table).set({ createdBy: null }).where(eq(table.createdBy, userId));
    await tx.update(table).set({ updatedBy: null }).where(eq(table.updatedBy, userId));
  }
}

export async function bumpCourseVersions(tx: Executor, courseIds: string[]): Promise<void> {
  if (courseIds.length === 0) return;
  await tx
    .update(courses)
    .set({ version: sql`${courses.version} + 1`, updatedAt: sql`${courses.updatedAt}` })
    .where(inArray(courses.id, courseIds));
}
