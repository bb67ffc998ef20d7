import type { Principal } from '#platform/auth/index.js';
import type { Executor } from '#platform/db/index.js';
import { forbidden } from '#platform/errors/index.js';
import { requireManageableCourse } from '../access.js';
import type { CourseRow } from '../tables.js';
import { isCourseOwner } from './repository.js';

/**
 * The live course the caller may change as its owner or as staff (`courses:manage_any`):
 * co-instructors teach a course but do not decide who else does, nor whether it exists. Refuses
 * them with 403 `NOT_COURSE_OWNER` and `refusal` as the message.
 */
export async function requireOwnedCourse(
  executor: Executor,
  principal: Principal | null,
  idOrSlug: string,
  refusal: string,
): Promise<CourseRow> {
  const course = await requireManageableCourse(executor, principal, idOrSlug);
  const caller = principal!;
  if (
    !caller.permissions.has('courses:manage_any') &&
    !(await isCourseOwner(executor, course.id, caller.userId))
  )
    throw forbidden(refusal, 'NOT_COURSE_OWNER');
  return course;
}
