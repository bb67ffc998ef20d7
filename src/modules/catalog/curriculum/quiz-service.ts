import type { Static } from 'typebox';
import { writeAudit } from '#platform/audit/writer.js';
import type { Principal } from '#platform/auth/index.js';
import type { Cache } from '#platform/cache/index.js';
import {
  assertVersion,
  type Database,
  type Executor,
  type ExpectedVersion,
  inTransaction,
  newId,
  staleVersion,
} from '#platform/db/index.js';
import {
  conflict,
  notFound,
  preconditionRequired,
  validationError,
} from '#platform/errors/index.js';
import { decodeIdCursor, pageOf } from '#platform/http/pagination.js';
import { requireAccess } from '../access.js';
import type { QuizRow } from '../tables.js';
import { toQuizDto, toQuizSummaryDto } from './dto.js';
import {
  type ManagedCourseWrite,
  writeManagedCourse,
  writeManagedCourseIn,
} from './managed-course.js';
import * as quizRepo from './quiz-repository.js';
import { quizProblems } from './quiz-rules.js';
import * as repo from './repository.js';
import type { CreateQuizBody, ReplaceQuizBody } from './schemas.js';

export type CreateQuizInput = Static<typeof CreateQuizBody>;
export type ReplaceQuizInput = Static<typeof ReplaceQuizBody>;

export interface QuizServiceDeps {
  db: Database;
  cache: Cache;
}

const quizNotFound = () => notFound('Quiz', 'QUIZ_NOT_FOUND');
const ifMatchRequired = () =>
  preconditionRequired(
    'Replacing a quiz needs If-Match with the version you read (the ETag of GET /quizzes/:id), e.g. If-Match: "1"',
  );
const QUIZ_GATE = { name: 'Quiz', code: 'QUIZ_NOT_FOUND' };

/** Questions and options as rows with their ids, ready for two bulk inserts. */
function quizRows(quizId: string, questions: CreateQuizInput['questions']) {
  const questionRows = questions.map((q, position) => ({
    id: newId(),
    quizId,
    position,
    prompt: q.prompt,
    kind: q.kind,
    points: q.points ?? 1,
    explanation: q.explanation ?? null,
  }));
  const optionRows = questions.flatMap((q, index) =>
    q.options.map((o, position) => ({
      questionId: questionRows[index]!.id,
      position,
      text: o.text,
      correct: o.correct,
    })),
  );
  return { questionRows, optionRows };
}

function assertQuizContent(questions: CreateQuizInput['questions']) {
  const problems = quizProblems(questions);
  if (problems.length > 0)
    throw validationError('The answer key is not valid', problems, 'INVALID_QUIZ');
}

export function createQuizService({ db, cache }: QuizServiceDeps) {
  /** A write to a quiz: the course write sequence of its course, with the quiz read under its lock. */
  function writeQuiz<T>(
    auth: Principal | null,
    id: string,
    work: (write: ManagedCourseWrite & { quiz: QuizRow }) => Promise<T>,
  ) {
    return inTransaction(db, async (uow) => {
      const found = await quizRepo.findQuizWithLiveCourse(uow.tx, id);
      if (!found) throw quizNotFound();
      return writeManagedCourseIn(uow, cache, auth, found.course.id, { version: 'none' }, (write) =>
        work({ ...write, quiz: found.quiz }),
      );
    });
  }

  /** A quiz lesson of the course that no other quiz uses yet. */
  async function assertQuizLesson(tx: Executor, courseId: string, lessonId: string) {
    const lesson = await repo.findLesson(tx, courseId, lessonId);
    if (lesson?.kind !== 'quiz')
      throw validationError(
        'The lesson must be a quiz lesson of this course',
        [{ path: '/body/lessonId', message: 'is not a quiz lesson of this course' }],
        'INVALID_QUIZ',
      );
    if (await repo.findQuizIdOfLesson(tx, lessonId))
      throw conflict('This lesson already presents another quiz', 'LESSON_HAS_QUIZ');
  }

  return {
    async createQuiz(auth: Principal | null, courseRef: string, input: CreateQuizInput) {
      const writeOptions = { version: 'none' } as const;
      return writeManagedCourse(db, cache, auth, courseRef, writeOptions, async (write) => {
        const { tx, course, caller } = write;
        assertQuizContent(input.questions);
        if (input.lessonId) await assertQuizLesson(tx, course.id, input.lessonId);
        const quiz = await quizRepo.insertQuiz(tx, {
          courseId: course.id,
          lessonId: input.lessonId ?? null,
          title: input.title,
          passPercent: input.passPercent ?? 60,
          createdBy: caller,
          updatedBy: caller,
        });
        const { questionRows, optionRows } = quizRows(quiz.id, input.questions);
        await quizRepo.replaceQuizContent(tx, quiz.id, questionRows, optionRows);
        await writeAudit(tx, {
          action: 'quiz.created',
          resourceType: 'quiz',
          resourceId: quiz.id,
          details: { courseId: course.id, title: quiz.title, questions: questionRows.length },
        });
        return toQuizDto(quiz, await quizRepo.loadQuizContent(tx, quiz.id), true);
      });
    },

    async listQuizzes(
      auth: Principal | null,
      courseRef: string,
      query: { limit: number; cursor?: string },
    ) {
      // A bad cursor is a 400 before anything else, as on every list.
      const after = query.cursor ? decodeIdCursor(query.cursor) : undefined;
      const course = await requireAccess(auth, 'course:manage', { tx: db, course: courseRef });
      const rows = await quizRepo.listQuizzes(db, course.id, query.limit + 1, after);
      const page = pageOf(rows, query.limit, (last) => ({ id: last.quiz.id }));
      return {
        items: page.items.map((r) => toQuizSummaryDto(r.quiz, r.questionCount)),
        nextCursor: page.nextCursor,
      };
    },

    /**
     * A quiz: with its answer key for those who manage the course; without it for learners who
     * may see the lesson that presents it (a quiz without a lesson: enrolled learners).
     */
    async getQuiz(auth: Principal | null, quizId: string) {
      const found = await quizRepo.findQuizWithLiveCourse(db, quizId);
      if (!found) throw quizNotFound();
      const { quiz, course } = found;
      const lesson = quiz.lessonId ? await repo.findLesson(db, course.id, quiz.lessonId) : null;
      const access = await requireAccess(auth, 'lesson:content', {
        tx: db,
        lesson: lesson ?? null,
        course,
        notFound: QUIZ_GATE,
      });
      const withAnswers = access === 'manager';
      return {
        quiz: toQuizDto(quiz, await quizRepo.loadQuizContent(db, quiz.id), withAnswers),
        withAnswers,
      };
    },

    /**
     * Replaces a quiz's title, pass mark and questions, if it is still at a version the caller
     * read (`expected`, from `If-Match`). Questions get new ids, so answers recorded by earlier
     * attempts go with the old ones (attempts keep their scores).
     */
    async replaceQuiz(
      auth: Principal | null,
      quizId: string,
      expected: ExpectedVersion | undefined,
      input: ReplaceQuizInput,
    ) {
      return writeQuiz(auth, quizId, async ({ tx, quiz: before, caller }) => {
        if (expected === undefined) throw ifMatchRequired();
        assertVersion('The quiz', expected, before.version);
        assertQuizContent(input.questions);
        const quiz = await quizRepo.updateQuizAtVersion(tx, quizId, before.version, {
          title: input.title,
          passPercent: input.passPercent ?? 60,
          updatedBy: caller,
        });
        if (!quiz) {
          const now = await quizRepo.findQuizWithLiveCourse(tx, quizId);
          if (!now) throw quizNotFound();
          staleVersion('The quiz', now.quiz.version);
        }
        const { questionRows, optionRows } = quizRows(quizId, input.questions);
        await quizRepo.replaceQuizContent(tx, quizId, questionRows, optionRows);
        await writeAudit(tx, {
          action: 'quiz.updated',
          resourceType: 'quiz',
          resourceId: quizId,
          details: {
            courseId: quiz.courseId,
            version: quiz.version,
            questions: questionRows.length,
          },
        });
        return toQuizDto(quiz, await quizRepo.loadQuizContent(tx, quizId), true);
      });
    },

    /** Deletes a quiz; an `If-Match` is optional but honoured (412 when stale). */
    async deleteQuiz(auth: Principal | null, quizId: string, expected?: ExpectedVersion) {
      await writeQuiz(auth, quizId, async ({ tx, quiz }) => {
        if (expected) assertVersion('The quiz', expected, quiz.version);
        await quizRepo.deleteQuiz(tx, quizId);
        await writeAudit(tx, {
          action: 'quiz.deleted',
          resourceType: 'quiz',
          resourceId: quizId,
          details: { courseId: quiz.courseId, title: quiz.title },
        });
      });
    },
  };
}

export type QuizService = ReturnType<typeof createQuizService>;
