import { enrolments, quizOptions, quizQuestions, quizzes } from '#modules/catalog/tables.js';
import type { TestApp } from '../helpers/test-app.js';

export interface QuestionSeed {
  kind?: 'single' | 'multiple';
  points?: number;
  prompt?: string;
  explanation?: string | null;
  /** Each option: true when correct. */
  options: boolean[];
}

/**
 * A quiz written straight to the database. Returns its id and, per question, the question id
 * with its option ids split into correct and wrong ones.
 */
export async function insertQuiz(
  t: TestApp,
  course: { id: string; createdBy: string | null },
  seed: {
    title?: string;
    lessonId?: string | null;
    passPercent?: number;
    questions: QuestionSeed[];
  },
) {
  const db = t.database.db;
  const [quiz] = await db
    .insert(quizzes)
    .values({
      courseId: course.id,
      lessonId: seed.lessonId ?? null,
      title: seed.title ?? 'Quiz',
      passPercent: seed.passPercent ?? 60,
      createdBy: course.createdBy,
    })
    .returning();
  const questions = [];
  for (const [position, q] of seed.questions.entries()) {
    const [question] = await db
      .insert(quizQuestions)
      .values({
        quizId: quiz!.id,
        position,
        prompt: q.prompt ?? `Question ${position + 1}`,
        kind: q.kind ?? 'single',
        points: q.points ?? 1,
        explanation: q.explanation === undefined ? `Because of ${position + 1}` : q.explanation,
      })
      .returning();
    const options =
      q.options.length === 0
        ? []
        : await db
            .insert(quizOptions)
            .values(
              q.options.map((correct, i) => ({
                questionId: question!.id,
                position: i,
                text: `Option ${i + 1}`,
                correct,
              })),
            )
            .returning();
    questions.push({
      id: question!.id,
      options: options.map((o) => o.id),
      correct: options.filter((o) => o.correct).map((o) => o.id),
      wrong: options.filter((o) => !o.correct).map((o) => o.id),
    });
  }
  return { quiz: quiz!, questions };
}

/** An enrolment written straight to the database (to set up a state without the routes). */
export async function insertEnrolment(
  t: TestApp,
  courseId: string,
  userId: string,
  values: Partial<typeof enrolments.$inferInsert> = {},
) {
  const [row] = await t.database.db
    .insert(enrolments)
    .values({ courseId, userId, ...values })
    .returning();
  return row!;
}

/** Domain events of one type about a course, oldest first. */
export async function courseEvents(t: TestApp, type: string, courseId: string) {
  return t.database.query<{ type: string; actor_id: string | null; data: Record<string, unknown> }>(
    `select type, actor_id, data from outbox_events where type = $1 and subject_type = 'course' and subject_id = $2 order by id`,
    [type, courseId],
  );
}
