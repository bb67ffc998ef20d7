import type { Principal } from '#platform/auth/index.js';
import type { Executor } from '#platform/db/index.js';
import { forbidden, notFound, unauthorized } from '#platform/errors/index.js';
import type { StoredFileRow } from '#platform/storage/index.js';
import { canManageCourse } from '../access.js';
import { lessonContentAccess } from '../curriculum/index.js';
import * as repo from './repository.js';

export const fileNotFound = () => notFound('File', 'FILE_NOT_FOUND');

/**
 * Who may read a stored file. A published course's cover: anyone; other covers: the course's
 * instructors and `courses:manage_any`. A lesson's file: whoever may see the lesson's content
 * (`lessonContentAccess`). Otherwise 401 anonymous, 403 anyone else. A file nothing uses
 * any more is 404, except to its uploader and `courses:manage_any`.
 */
export async function requireFileReader(
  executor: Executor,
  auth: Principal | null,
  file: StoredFileRow,
): Promise<void> {
  const uses = await repo.findFileUses(executor, file.id);
  if (uses.length === 0) {
    const managesAny = auth?.permissions.has('courses:manage_any') ?? false;
    if (auth && (managesAny || auth.userId === file.ownerId)) return;
    throw fileNotFound();
  }
  if (uses.some((use) => use.kind === 'cover' && use.courseStatus === 'published')) return;
  for (const use of uses) {
    const course = { id: use.courseId, status: use.courseStatus };
    const allowed =
      use.kind === 'lesson'
        ? (await lessonContentAccess(executor, auth, use, course)) !== null
        : await canManageCourse(executor, auth, use.courseId);
    if (allowed) return;
  }
  if (!auth) throw unauthorized('Sign in to read this file');
  throw forbidden(
    "Only the course's instructors and its enrolled learners may read this file",
    'FILE_ACCESS_DENIED',
  );
}
