import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.js';
import { courses, type LessonRow, lessons } from '../tables.js';

/** A lesson of the course, locked for the rest of the transaction when `lock` is set. */
export async function findCourseLesson(
  executor: Executor,
  courseId: string,
  lessonId: string,
  lock = false,
): Promise<LessonRow | undefined> {
  const query = executor
    .select()
    .from(lessons)
    .where(and(eq(lessons.id, lessonId), eq(lessons.courseId, courseId)))
    .limit(1);
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** Points a video lesson at an uploaded file, which replaces any external video URL. */
export async function setLessonVideo(
  tx: Executor,
  lessonId: string,
  values: { fileId: string; durationSeconds?: number; updatedBy: string },
): Promise<void> {
  await tx
    .update(lessons)
    .set({
      fileId: values.fileId,
      videoUrl: null,
      updatedBy: values.updatedBy,
      ...(values.durationSeconds === undefined ? {} : { durationSeconds: values.durationSeconds }),
    })
    .where(eq(lessons.id, lessonId));
}

/** The course's current cover, with the course row locked for the rest of the transaction. */
export async function lockCourseCover(tx: Executor, courseId: string): Promise<string | null> {
  const [row] = await tx
    .select({ coverFileId: courses.coverFileId })
    .from(courses)
    .where(eq(courses.id, courseId))
    .for('update');
  return row?.coverFileId ?? null;
}

/** A new cover is a change of the course: its version moves on, so cached copies go stale. */
export async function setCourseCover(
  tx: Executor,
  courseId: string,
  fileId: string,
  updatedBy: string,
): Promise<void> {
  await tx
    .update(courses)
    .set({ coverFileId: fileId, updatedBy, version: sql`${courses.version} + 1` })
    .where(eq(courses.id, courseId));
}

export interface FileUse {
  kind: 'cover' | 'lesson';
  courseId: string;
  courseStatus: string;
  freePreview: boolean;
}

/** Where a file is used: as the cover of live courses and as the file of their lessons. */
export async function findFileUses(executor: Executor, fileId: string): Promise<FileUse[]> {
  const covers = await executor
    .select({ courseId: courses.id, courseStatus: courses.status })
    .from(courses)
    .where(and(eq(courses.coverFileId, fileId), isNull(courses.deletedAt)));
  const lessonUses = await executor
    .select({
      courseId: courses.id,
      courseStatus: courses.status,
      freePreview: lessons.freePreview,
    })
    .from(lessons)
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .where(and(eq(lessons.fileId, fileId), isNull(courses.deletedAt)));
  return [
    ...covers.map((c) => ({ kind: 'cover' as const, ...c, freePreview: false })),
    ...lessonUses.map((l) => ({ kind: 'lesson' as const, ...l })),
  ];
}
