import type { Static } from 'typebox';
import { writeAudit } from '#platform/audit/index.js';
import type { Principal } from '#platform/auth/index.js';
import { requirePrincipal } from '#platform/auth/index.js';
import type { Cache } from '#platform/cache/index.js';
import { type Database, type Executor, inTransaction } from '#platform/db/index.js';
import { conflict, notFound } from '#platform/errors/index.js';
import type { ReceivedUpload, Storage, StoredFileRow } from '#platform/storage/index.js';
import { requireAccess } from '../access.js';
import { writeCourse } from '../course-write.js';
import { toStoredFileDto } from './dto.js';
import { fileNotFound, requireFileReader } from './file-access.js';
import * as repo from './repository.js';
import type { CoverUploadFields, VideoUploadFields } from './schemas.js';

/** Reads the request's file into the store; called only once the caller may upload. */
export type Receive<T> = () => Promise<ReceivedUpload<T>>;

export interface MediaServiceDeps {
  db: Database;
  cache: Cache;
  storage: Storage;
}

export function createMediaService({ db, cache, storage }: MediaServiceDeps) {
  async function requireVideoLesson(
    executor: Executor,
    auth: Principal | null,
    courseRef: string,
    lessonId: string,
    lock = false,
  ) {
    const course = await requireAccess(auth, 'course:manage', { tx: executor, course: courseRef });
    const lesson = await repo.findCourseLesson(executor, course.id, lessonId, lock);
    if (!lesson) throw notFound('Lesson', 'LESSON_NOT_FOUND');
    if (lesson.kind !== 'video')
      throw conflict(
        `Only video lessons take a video; this is a ${lesson.kind} lesson`,
        'LESSON_NOT_VIDEO',
      );
    return { course, lesson };
  }

  /** Runs the use case on bytes already stored; when it fails, the bytes go too. */
  async function keepOrDiscard<T>(upload: ReceivedUpload<unknown>, work: () => Promise<T>) {
    try {
      return await work();
    } catch (error) {
      await storage.discard(upload.storageKey);
      throw error;
    }
  }

  /**
   * Whether the course's previous cover is its own, to be deleted with its replacement: not
   * another course's cover or a lesson's file, and uploaded for this course. A cover set from
   * any stored file (possible before `coverFileId` was restricted) is left alone.
   */
  const isOwnCover = async (tx: Executor, courseId: string, fileId: string, callerId: string) =>
    !(await repo.isFileUsedElsewhere(tx, fileId, { coverOf: courseId })) &&
    (await repo.isUploadedForCourse(tx, fileId, courseId, callerId));

  const record = (tx: Executor, ownerId: string, upload: ReceivedUpload<unknown>) =>
    storage.record(tx, {
      ownerId,
      filename: upload.filename,
      contentType: upload.contentType,
      storageKey: upload.storageKey,
      sizeBytes: upload.sizeBytes,
      sha256: upload.sha256,
    });

  return {
    /**
     * Uploads the video of a video lesson, replacing its previous file (soft-deleted) and any
     * external video URL. Access is checked before a byte is read, and again in the transaction.
     */
    async uploadLessonVideo(
      auth: Principal | null,
      courseRef: string,
      lessonId: string,
      receive: Receive<Static<typeof VideoUploadFields>>,
    ) {
      await requireVideoLesson(db, auth, courseRef, lessonId);
      const upload = await receive();
      return keepOrDiscard(upload, () =>
        inTransaction(db, async (uow) => {
          const { tx } = uow;
          const caller = requirePrincipal(auth);
          const { course, lesson } = await requireVideoLesson(tx, auth, courseRef, lessonId, true);
          // Its duration shows in the course detail, so the course's version (ETag) moves too.
          return writeCourse(uow, cache, course.id, {}, async () => {
            const file = await record(tx, caller.userId, upload);
            if (
              lesson.fileId &&
              !(await repo.isFileUsedElsewhere(tx, lesson.fileId, { lessonId: lesson.id }))
            )
              await storage.softDelete(tx, lesson.fileId);
            await repo.setLessonVideo(tx, lesson.id, {
              fileId: file.id,
              durationSeconds: upload.fields.durationSeconds,
              updatedBy: caller.userId,
            });
            await writeAudit(tx, {
              action: 'lesson.video_uploaded',
              resourceType: 'lesson',
              resourceId: lesson.id,
              details: {
                courseId: course.id,
                fileId: file.id,
                contentType: file.contentType,
                sizeBytes: file.sizeBytes,
                replacedFileId: lesson.fileId,
              },
            });
            return toStoredFileDto(file);
          });
        }),
      );
    },

    /** Uploads a course's cover image, replacing (soft-deleting) the previous one. */
    async uploadCover(
      auth: Principal | null,
      courseRef: string,
      receive: Receive<Static<typeof CoverUploadFields>>,
    ) {
      await requireAccess(auth, 'course:manage', { tx: db, course: courseRef });
      const upload = await receive();
      return keepOrDiscard(upload, () =>
        inTransaction(db, async (uow) => {
          const { tx } = uow;
          const caller = requirePrincipal(auth);
          const course = await requireAccess(auth, 'course:manage', { tx, course: courseRef });
          // The new cover bumps the course's version with the row (setCourseCover).
          return writeCourse(uow, cache, course.id, { version: 'row' }, async () => {
            const previous = await repo.lockCourseCover(tx, course.id);
            const file = await record(tx, caller.userId, upload);
            if (previous && (await isOwnCover(tx, course.id, previous, caller.userId)))
              await storage.softDelete(tx, previous);
            await repo.setCourseCover(tx, course.id, file.id, caller.userId);
            await writeAudit(tx, {
              action: 'course.cover_uploaded',
              resourceType: 'course',
              resourceId: course.id,
              details: {
                fileId: file.id,
                contentType: file.contentType,
                sizeBytes: file.sizeBytes,
                replacedFileId: previous,
              },
            });
            return toStoredFileDto(file);
          });
        }),
      );
    },

    /** A live file the caller may read, whose bytes are in the store (404 otherwise). */
    async fileToServe(auth: Principal | null, fileId: string): Promise<StoredFileRow> {
      const file = await storage.find(db, fileId);
      if (!file) throw fileNotFound();
      await requireFileReader(db, auth, file);
      if (!(await storage.store.stat(file.storageKey))) throw fileNotFound();
      return file;
    },
  };
}

export type MediaService = ReturnType<typeof createMediaService>;
