import { catalogApi } from '#modules/catalog/index.js';
import type { Principal } from '#platform/auth/index.js';
import type { Database } from '#platform/db/index.js';
import type { Storage } from '#platform/storage/index.js';

interface Guarded {
  fileId: string;
  uploadedBy: string | null;
}

/**
 * Who may read an image. An image attached to a lesson (its file is a `file` lesson's file) is
 * read by the lesson's rule — the course's instructors, its enrolled learners, anyone on a
 * free-preview lesson of a published course — besides archive managers and its uploader. Any
 * other image is for whoever holds `archive:read`.
 */
export function createImageAccess(db: Database, storage: Storage) {
  const privileged = (auth: Principal | null, image: Guarded) =>
    auth !== null &&
    (auth.permissions.has('archive:manage') ||
      (image.uploadedBy !== null && image.uploadedBy === auth.userId));

  async function mayReadLinked(auth: Principal | null, image: Guarded) {
    if (privileged(auth, image)) return true;
    const file = await storage.find(db, image.fileId);
    return file !== undefined && (await catalogApi.mayReadFile(db, auth, file));
  }

  return {
    async mayRead(auth: Principal | null, image: Guarded): Promise<boolean> {
      const linked = (await catalogApi.lessonUses(db, [image.fileId])).length > 0;
      if (linked) return mayReadLinked(auth, image);
      return auth?.permissions.has('archive:read') ?? false;
    },

    /** The images of a list the caller may see, in order. */
    async readable<T extends Guarded>(auth: Principal | null, images: readonly T[]): Promise<T[]> {
      const uses = await catalogApi.lessonUses(db, [...new Set(images.map((i) => i.fileId))]);
      const linked = new Set(uses.map((u) => u.fileId));
      const kept: T[] = [];
      const reader = auth?.permissions.has('archive:read') ?? false;
      for (const image of images)
        if (linked.has(image.fileId) ? await mayReadLinked(auth, image) : reader) kept.push(image);
      return kept;
    },

    mayManageCourse: (auth: Principal | null, courseId: string) =>
      catalogApi.mayManageCourse(db, auth, courseId),

    courseFiles: (courseId: string) => catalogApi.courseLessonFiles(db, courseId),

    attach: catalogApi.attachToFileLesson,
  };
}

export type ImageAccess = ReturnType<typeof createImageAccess>;
