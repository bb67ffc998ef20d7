import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '#platform/db/index.js';
import {
  type CourseRow,
  courses,
  lessons,
  type QuizOptionRow,
  type QuizQuestionRow,
  type QuizRow,
  quizOptions,
  quizQuestions,
  quizzes,
} from '../tables.js';

export interface QuizContent {
  questions: QuizQuestionRow[];
  options: QuizOptionRow[];
}

/** A quiz with its course, unless the course was soft-deleted. */
export async function findQuizWithLiveCourse(
  executor: Executor,
  quizId: string,
): Promise<{ quiz: QuizRow; course: CourseRow } | undefined> {
  const [row] = await executor
    .select({ quiz: quizzes, course: courses })
    .from(quizzes)
    .innerJoin(courses, eq(courses.id, quizzes.courseId))
    .where(and(eq(quizzes.id, quizId), isNull(courses.deletedAt)));
  return row;
}

/** The questions and options of a quiz, each in order (two queries). */
export async function loadQuizContent(executor: Executor, quizId: string): Promise<QuizContent> {
  const questions = await executor
    .select()
    .from(quizQuestions)
    .where(eq(quizQuestions.quizId, quizId))
    .orderBy(asc(quizQuestions.position));
  if (questions.length === 0) return { questions, options: [] };
  const options = await executor
    .select()
    .from(quizOptions)
    .where(
      inArray(
        quizOptions.questionId,
        questions.map((q) => q.id),
      ),
    )
    .orderBy(asc(quizOptions.position));
  return { questions, options };
}

export async function insertQuiz(
  tx: Executor,
  values: typeof quizzes.$inferInsert,
): Promise<QuizRow> {
  const [row] = await tx.insert(quizzes).values(values).returning();
  return row!;
}

/** Replaces the questions (and, by cascade, options) of a quiz; two inserts at most. */
export async function replaceQuizContent(
  tx: Executor,
  quizId: string,
  questions: Array<typeof quizQuestions.$inferInsert>,
  options: Array<typeof quizOptions.$inferInsert>,
): Promise<void> {
  await tx.delete(quizQuestions).where(eq(quizQuestions.quizId, quizId));
  if (questions.length > 0) await tx.insert(quizQuestions).values(questions);
  if (options.length > 0) await tx.insert(quizOptions).values(options);
}

/** Updates the quiz only if it is still at `expectedVersion`, bumping it; undefined otherwise. */
export async function updateQuizAtVersion(
  tx: Executor,
  quizId: string,
  expectedVersion: number,
  values: Pick<typeof quizzes.$inferInsert, 'title' | 'passPercent' | 'updatedBy'>,
): Promise<QuizRow | undefined> {
  const [row] = await tx
    .update(quizzes)
    .set({ ...values, version: sql`${quizzes.version} + 1` })
    .where(and(eq(quizzes.id, quizId), eq(quizzes.version, expectedVersion)))
    .returning();
  return row;
}

/**
 * Detaches the quizzes of lessons about to be deleted (one lesson, or every lesson of a
 * section), bumping their versions: a quiz's `lessonId` is part of what its ETag stands for,
 * and the foreign key's `set null` alone would change it behind the version's back.
 */
export async function detachQuizzesOf(
  tx: Executor,
  doomed: { lessonId: string } | { sectionId: string },
): Promise<void> {
  const lessonIds =
    'lessonId' in doomed
      ? [doomed.lessonId]
      : (
          await tx
            .select({ id: lessons.id })
            .from(lessons)
            .where(eq(lessons.sectionId, doomed.sectionId))
        ).map((row) => row.id);
  if (lessonIds.length === 0) return;
  await tx
    .update(quizzes)
    .set({ lessonId: null, version: sql`${quizzes.version} + 1` })
    .where(inArray(quizzes.lessonId, lessonIds));
}

export async function deleteQuiz(tx: Executor, quizId: string): Promise<void> {
  await tx.delete(quizzes).where(eq(quizzes.id, quizId));
}

/** A page of a course's quizzes in creation order, each with its number of questions. */
export async function listQuizzes(
  executor: Executor,
  courseId: string,
  limit: number,
  after?: string,
) {
  // Drizzle leaves columns unqualified inside select fields, so the correlation is spelled out.
  const questionCount = sql<number>`(select count(*)::int from quiz_questions qq where qq.quiz_id = "quizzes"."id")`;
  return executor
    .select({ quiz: quizzes, questionCount })
    .from(quizzes)
    .where(and(eq(quizzes.courseId, courseId), after ? gt(quizzes.id, after) : undefined))
    .orderBy(asc(quizzes.id))
    .limit(limit);
}
