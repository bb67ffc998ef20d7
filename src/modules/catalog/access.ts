import { and, eq, isNull } from 'drizzle-orm';
import { requirePrincipal } from '#platform/auth/access.js';
import type { Principal } from '#platform/auth/index.js';
import { type Executor, isUuid } from '#platform/db/index.js';
import { forbidden, notFound } from '#platform/errors/index.js';
import { type CourseRow, courseInstructors, courses } from './tables.js';

export const courseNotFound = () => notFound('Course', 'COURSE_NOT_FOUND');

/**
 * A live (not soft-deleted) course by id or slug, or undefined. A UUID is only ever an id and
 * anything else only a slug, so a slug can never stand in for another course's id (slugs shaped
 * like UUIDs are refused, and one stored before that is reachable by its id only).
 */
export async function findLiveCourse(
  executor: Executor,
  idOrSlug: string,
): Promise<CourseRow | undefined> {
  const match = isUuid(idOrSlug) ? eq(courses.id, idOrSlug) : eq(courses.slug, idOrSlug);
  const [row] = await executor
    .select()
    .from(courses)
    .where(and(match, isNull(courses.deletedAt)))
    .limit(1);
  return row;
}

/** Whether the user teaches the course (owner or co-instructor). */
export async function isCourseInstructor(
  executor: Executor,
  courseId: string,
  userId: string,
): Promise<boolean> {
  const [row] = await executor
    .select({ userId: courseInstructors.userId })
    .from(courseInstructors)
    .where(and(eq(courseInstructors.courseId, courseId), eq(courseInstructors.userId, userId)))
    .limit(1);
  return !!row;
}

/** Whether the caller may change the course: one of its instructors, or `courses:manage_any`. */
export async function canManageCourse(
  executor: Executor,
  principal: Principal | null,
  courseId: string,
): Promise<boolean> {
  if (!principal) return false;
  if (principal.permissions.has('courses:manage_any')) return true;
  if (!principal.permissions.has('courses:manage')) return false;
  return isCourseInstructor(executor, courseId, principal.userId);
}

/**
 * The live course the caller may change, or the error that says why not: 404 when it does not
 * exist (or was deleted), 401 without credentials, 403 for someone else's course.
 */
export async function requireManageableCourse(
  executor: Executor,
  principal: Principal | null,
  idOrSlug: string,
): Promise<CourseRow> {
  const caller = requirePrincipal(principal);
  const course = await findLiveCourse(executor, idOrSlug);
  if (!course) throw courseNotFound();
  if (!(await canManageCourse(executor, caller, course.id)))
    throw forbidden('Only the instructors of this course may change it', 'NOT_COURSE_INSTRUCTOR');
  return course;
}

/**
 * The live course the caller may read: published ones for everybody; drafts and archived ones
 * only for their instructors and `courses:manage_any`. To anyone else they are 404 like an
 * unknown course, signed in or not, so that a stranger cannot learn that a draft exists.
 */
export async function requireReadableCourse(
  executor: Executor,
  principal: Principal | null,
  idOrSlug: string,
): Promise<CourseRow> {
  const course = await findLiveCourse(executor, idOrSlug);
  if (!course) throw courseNotFound();
  if (course.status === 'published') return course;
  if (!(await canManageCourse(executor, principal, course.id))) throw courseNotFound();
  return course;
}
