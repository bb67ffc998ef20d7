import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Principal } from '#platform/auth/index.js';
import type { Executor } from '#platform/db/index.js';
import { canManageCourse } from './access.js';
import { requireFileReader } from './media/file-access.js';
import { findCourseLesson } from './media/repository.js';
import { courses, lessons } from './tables.js';

/** Where a stored file is a lesson's file: its course and lesson. */
export interface LessonFileUse {
  fileId: string;
  courseId: string;
  lessonId: string;
}

export type AttachOutcome = 'attached' | 'lesson_not_found' | 'not_a_file_lesson';

/**
 * Files as other modules attach them to lessons (the archive's images): which files lessons use,
 * who may read them by the lessons' rule, and attaching one to a `file` lesson.
 */
export const lessonFilesApi = {
  /** The lesson uses of each of these files, in live courses. */
  async lessonUses(db: Executor, fileIds: readonly string[]): Promise<LessonFileUse[]> {
    if (fileIds.length === 0) return [];
    return db
      .select({ fileId: lessons.fileId, courseId: lessons.courseId, lessonId: lessons.id })
      .from(lessons)
      .innerJoin(courses, eq(courses.id, lessons.courseId))
      .where(and(inArray(lessons.fileId, [...fileIds]), isNull(courses.deletedAt)))
      .then((rows) => rows.map((r) => ({ ...r, fileId: r.fileId! })));
  },

  /** The files of a live course's lessons. */
  async courseLessonFiles(db: Executor, courseId: string): Promise<string[]> {
    const rows = await db
      .select({ fileId: lessons.fileId })
      .from(lessons)
      .innerJoin(courses, eq(courses.id, lessons.courseId))
      .where(and(eq(lessons.courseId, courseId), isNull(courses.deletedAt)));
    return rows.flatMap((r) => (r.fileId ? [r.fileId] : []));
  },

  /** Whether the caller may read a file by the rule of the lessons (and covers) that use it. */
  async mayReadFile(
    db: Executor,
    auth: Principal | null,
    file: Parameters<typeof requireFileReader>[2],
  ): Promise<boolean> {
    return requireFileReader(db, auth, file).then(
      () => true,
      () => false,
    );
  },

  mayManageCourse: (db: Executor, auth: Principal | null, courseId: string) =>
    canManageCourse(db, auth, courseId),

  /** Makes a stored file the file of a `file` lesson, in the caller's transaction. */
  async attachToFileLesson(
    tx: Executor,
    target: { courseId: string; lessonId: string; fileId: string; by: string },
  ): Promise<AttachOutcome> {
    const lesson = await findCourseLesson(tx, target.courseId, target.lessonId, true);
    if (!lesson) return 'lesson_not_found';
    if (lesson.kind !== 'file') return 'not_a_file_lesson';
    await tx
      .update(lessons)
      .set({ fileId: target.fileId, updatedBy: target.by })
      .where(eq(lessons.id, lesson.id));
    return 'attached';
  },
};
