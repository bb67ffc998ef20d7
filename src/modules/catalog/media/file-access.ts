import type { Principal } from '../../../platform/auth/index.js';
import type { Executor } from '../../../platform/db/index.js';
import { forbidden, notFound, unauthorized } from '../../../platform/errors/index.js';
import type { StoredFileRow } from '../../../platform/storage/index.js';
import { canManageCourse } from '../access.js';
import * as repo from './repository.js';

export const fileNotFound = () => notFound('File', 'FILE_NOT_FOUND');

/**
 * Who may read a stored file. A published course's cover and free-preview lessons: anyone.
 * Otherwise: the course's instructors and `courses:manage_any`, and for lesson files of a
 * published or archived course learners with an active or completed enrolment (401 anonymous,
 * 403 anyone else). A file nothing uses
 * any more is 404, except to its uploader and `courses:manage_any`.
 */
export async function requireFileReader(
  executor: Executor,
  principal: Principal | null,
  file: StoredFileRow,
): Promise<void> {
  const uses = await repo.findFileUses(executor, file.id);
  const managesAny = principal?.permissions.has('courses:manage_any') ?? false;
  if (uses.length === 0) {
    if (principal && (managesAny || principal.userId === file.ownerId)) return;
    throw fileNotFound();
  }
  const isPublic = (use: repo.FileUse) =>
    use.courseStatus === 'published' && (use.kind === 'cover' || use.freePreview);
  if (uses.some(isPublic)) return;
  if (!principal) throw unauthorized('Sign in to read this file');
  const courseIds = [...new Set(uses.map((u) => u.courseId))];
  for (const courseId of courseIds)
    if (await canManageCourse(executor, principal, courseId)) return;
  // As for lesson content (curriculum/content-access.ts): a draft's lessons are not for learners.
  const lessonCourseIds = [
    ...new Set(
      uses.filter((u) => u.kind === 'lesson' && u.courseStatus !== 'draft').map((u) => u.courseId),
    ),
  ];
  if (await repo.hasLearnerAccess(executor, principal.userId, lessonCourseIds)) return;
  throw forbidden(
    "Only the course's instructors and its enrolled learners may read this file",
    'FILE_ACCESS_DENIED',
  );
}
