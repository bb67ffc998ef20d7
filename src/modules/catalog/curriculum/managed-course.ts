import { requirePrincipal } from '#platform/auth/access.js';
import type { Principal } from '#platform/auth/index.js';
import type { Cache } from '#platform/cache/index.js';
import type { UnitOfWork } from '#platform/db/index.js';
import { courseNotFound, requireManageableCourse } from '../access.js';
import { invalidateCourse } from '../cache-tags.js';
import { bumpCourseVersion } from '../course-version-repository.js';
import type { CourseRow } from '../tables.js';
import { lockLiveCourse } from './repository.js';

/**
 * The course the caller may change (404/401/403 otherwise), locked for this unit of work so
 * concurrent curriculum writes of one course take turns; its cached views are dropped once the
 * work commits. Also returns the caller's user id, for `updated_by`. A write to the outline
 * (`outline: true`, the default) also bumps the course's version, its ETag: the course detail
 * shows the outline, its lesson count and durations; a quiz write does not.
 */
export async function lockManagedCourse(
  uow: UnitOfWork,
  cache: Cache,
  principal: Principal | null,
  courseRef: string,
  { outline = true }: { outline?: boolean } = {},
): Promise<{ course: CourseRow; caller: string }> {
  const course = await requireManageableCourse(uow.tx, principal, courseRef);
  if (!(await lockLiveCourse(uow.tx, course.id))) throw courseNotFound();
  if (outline) await bumpCourseVersion(uow.tx, course.id);
  uow.afterCommit(() => invalidateCourse(cache, course.id));
  return { course, caller: requirePrincipal(principal).userId };
}
