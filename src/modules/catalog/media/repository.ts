import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '#platform/db/index.js';
import { storedFiles } from '#platform/storage/index.js';
import { courseInstructors, courses, type LessonRow, lessons } from '../tables.js';

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

/**
 * Whether anything but `except` refers to the file: the cover of another course (deleted ones
 * included, they may be restored) or a lesson. Such a file must outlive being replaced here.
 */
export async function isFileUsedElsewhere(
  executor: Executor,
  fileId: string,
  except: { coverOf?: string; lessonId?: string },
): Promise<boolean> {
  const covers = await executor
    .select({ id: courses.id })
    .from(courses)
    .where(
      and(
        eq(courses.coverFileId, fileId),
        except.coverOf ? ne(courses.id, except.coverOf) : undefined,
      ),
    )
    .limit(1);
  if (covers.length > 0) return true;
  const lessonUses = await executor
    .select({ id: lessons.id })
    .from(lessons)
    .where(
      and(
        eq(lessons.fileId, fileId),
        except.lessonId ? ne(lessons.id, except.lessonId) : undefined,
      ),
    )
    .limit(1);
  return lessonUses.length > 0;
}

/** Whether the file was uploaded by `userId` or by one of the course's instructors. */
export async function isUploadedForCourse(
  executor: Executor,
  fileId: string,
  courseId: string,
  userId: string,
): Promise<boolean> {
  const [file] = await executor
    .select({ ownerId: storedFiles.ownerId })
    .from(storedFiles)
    .where(eq(storedFiles.id, fileId));
  if (!file?.ownerId) return false;
  if (file.ownerId === userId) return true;
  const [teacher] = await executor
    .select({ userId: courseInstructors.userId })
    .from(courseInstructors)
    .where(
      and(eq(courseInstructors.courseId, courseId), eq(courseInstructors.userId, file.ownerId)),
    )
    .limit(1);
  return !!teacher;
}
