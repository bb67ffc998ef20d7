import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '#platform/db/index.js';
import { newId } from '#platform/db/index.js';
import {
  courseSections,
  courseTags,
  lessons,
  quizOptions,
  quizQuestions,
  quizzes,
} from '../tables.js';

/** Rows per INSERT, far below PostgreSQL's 65 535 parameters for the widest table here. */
const CHUNK = 500;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** New ids for old ones, so that copied children point at copied parents. */
function remap<T extends { id: string }>(rows: readonly T[]): Map<string, string> {
  return new Map(rows.map((row) => [row.id, newId()]));
}

/**
 * Copies a course's teaching content into another course: tags, sections, lessons (with their
 * media and text), quizzes with their questions and options. Learners' data (enrolments,
 * progress, attempts, reviews) stays with the original. A lesson's file becomes its copy in
 * `fileCopies` (none when it has no copy). A fixed number of statements.
 */
export async function copyCourseContent(
  tx: Executor,
  fromId: string,
  toId: string,
  actorId: string,
  fileCopies: ReadonlyMap<string, string>,
): Promise<{ sections: number; lessons: number; quizzes: number }> {
  const tags = await tx.select().from(courseTags).where(eq(courseTags.courseId, fromId));
  const sections = await tx
    .select()
    .from(courseSections)
    .where(eq(courseSections.courseId, fromId))
    .orderBy(asc(courseSections.position));
  const lessonRows = await tx.select().from(lessons).where(eq(lessons.courseId, fromId));
  const quizRows = await tx.select().from(quizzes).where(eq(quizzes.courseId, fromId));
  const questions =
    quizRows.length === 0
      ? []
      : await tx
          .select()
          .from(quizQuestions)
          .where(
            inArray(
              quizQuestions.quizId,
              quizRows.map((q) => q.id),
            ),
          );
  const options =
    questions.length === 0
      ? []
      : await tx
          .select()
          .from(quizOptions)
          .where(
            inArray(
              quizOptions.questionId,
              questions.map((q) => q.id),
            ),
          );

  const sectionIds = remap(sections);
  const lessonIds = remap(lessonRows);
  const quizIds = remap(quizRows);
  const questionIds = remap(questions);

  if (tags.length > 0)
    await tx.insert(courseTags).values(tags.map((t) => ({ courseId: toId, tag: t.tag })));
  await insertChunked(sections, (chunk) =>
    tx.insert(courseSections).values(
      chunk.map((s) => ({
        id: sectionIds.get(s.id)!,
        courseId: toId,
        title: s.title,
        position: s.position,
      })),
    ),
  );
  await insertChunked(lessonRows, (chunk) =>
    tx.insert(lessons).values(
      chunk.map((l) => ({
        id: lessonIds.get(l.id)!,
        courseId: toId,
        sectionId: sectionIds.get(l.sectionId)!,
        title: l.title,
        kind: l.kind,
        position: l.position,
        durationSeconds: l.durationSeconds,
        videoUrl: l.videoUrl,
        fileId: l.fileId ? (fileCopies.get(l.fileId) ?? null) : null,
        body: l.body,
        transcript: l.transcript,
        freePreview: l.freePreview,
        createdBy: actorId,
        updatedBy: actorId,
      })),
    ),
  );
  await insertChunked(quizRows, (chunk) =>
    tx.insert(quizzes).values(
      chunk.map((q) => ({
        id: quizIds.get(q.id)!,
        courseId: toId,
        lessonId: q.lessonId ? (lessonIds.get(q.lessonId) ?? null) : null,
        title: q.title,
        passPercent: q.passPercent,
        createdBy: actorId,
        updatedBy: actorId,
      })),
    ),
  );
  await insertChunked(questions, (chunk) =>
    tx.insert(quizQuestions).values(
      chunk.map((q) => ({
        id: questionIds.get(q.id)!,
        quizId: quizIds.get(q.quizId)!,
        position: q.position,
        prompt: q.prompt,
        kind: q.kind,
        points: q.points,
        explanation: q.explanation,
      })),
    ),
  );
  await insertChunked(options, (chunk) =>
    tx.insert(quizOptions).values(
      chunk.map((o) => ({
        questionId: questionIds.get(o.questionId)!,
        position: o.position,
        text: o.text,
        correct: o.correct,
      })),
    ),
  );
  return { sections: sections.length, lessons: lessonRows.length, quizzes: quizRows.length };
}
