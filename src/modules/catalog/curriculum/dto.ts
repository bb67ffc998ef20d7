import type { ContentAccess } from '../access.js';
import type { LessonRow, QuizRow, SectionRow } from '../tables.js';
import type { QuizContent } from './quiz-repository.js';

type LessonKind = 'video' | 'text' | 'quiz' | 'file';
type QuestionKind = 'single' | 'multiple';

export const fileUrlOf = (fileId: string | null) => (fileId ? `/api/v1/files/${fileId}` : null);

export function toSectionDto(row: SectionRow) {
  return {
    id: row.id,
    courseId: row.courseId,
    title: row.title,
    position: row.position,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function lessonSummary(row: LessonRow) {
  return {
    id: row.id,
    courseId: row.courseId,
    sectionId: row.sectionId,
    title: row.title,
    kind: row.kind as LessonKind,
    position: row.position,
    durationSeconds: row.durationSeconds,
    freePreview: row.freePreview,
  };
}

function lessonContent(row: LessonRow) {
  return {
    videoUrl: row.videoUrl,
    fileUrl: fileUrlOf(row.fileId),
    body: row.body,
    transcript: row.transcript,
  };
}

/** A lesson as its instructors see it. */
export function toLessonDto(row: LessonRow, quizId: string | null) {
  return {
    ...lessonSummary(row),
    ...lessonContent(row),
    fileId: row.fileId,
    quizId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A lesson's content for someone allowed to study it. */
export function toLessonContentDto(row: LessonRow, quizId: string | null, access: ContentAccess) {
  return { ...lessonSummary(row), ...lessonContent(row), quizId, access };
}

/** The course outline: sections in order, each with its lessons in order. */
export function toOutlineDto(
  sections: readonly SectionRow[],
  lessons: readonly LessonRow[],
  withContent: boolean,
) {
  const bySection = new Map<string, LessonRow[]>();
  for (const lesson of lessons) {
    const list = bySection.get(lesson.sectionId);
    if (list) list.push(lesson);
    else bySection.set(lesson.sectionId, [lesson]);
  }
  return sections.map((section) => ({
    id: section.id,
    courseId: section.courseId,
    title: section.title,
    position: section.position,
    lessons: (bySection.get(section.id) ?? []).map((lesson) =>
      withContent ? { ...lessonSummary(lesson), ...lessonContent(lesson) } : lessonSummary(lesson),
    ),
  }));
}

function quizSummary(row: QuizRow) {
  return {
    id: row.id,
    courseId: row.courseId,
    lessonId: row.lessonId,
    title: row.title,
    passPercent: row.passPercent,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toQuizSummaryDto(row: QuizRow, questionCount: number) {
  return { ...quizSummary(row), questionCount };
}

/**
 * A quiz with its questions. Without `withAnswers` (learners) the answer key is left out
 * entirely: no `correct` flags and no explanations, not even as null.
 */
export function toQuizDto(row: QuizRow, content: QuizContent, withAnswers: boolean) {
  const optionsOf = new Map<string, QuizContent['options']>();
  for (const option of content.options) {
    const list = optionsOf.get(option.questionId);
    if (list) list.push(option);
    else optionsOf.set(option.questionId, [option]);
  }
  return {
    ...quizSummary(row),
    totalPoints: content.questions.reduce((sum, q) => sum + q.points, 0),
    questions: content.questions.map((question) => ({
      id: question.id,
      position: question.position,
      prompt: question.prompt,
      kind: question.kind as QuestionKind,
      points: question.points,
      ...(withAnswers ? { explanation: question.explanation } : {}),
      options: (optionsOf.get(question.id) ?? []).map((option) => ({
        id: option.id,
        position: option.position,
        text: option.text,
        ...(withAnswers ? { correct: option.correct } : {}),
      })),
    })),
  };
}

export type QuizDto = ReturnType<typeof toQuizDto>;
