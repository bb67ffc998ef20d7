import { and, eq, isNull } from 'drizzle-orm';
import { type Executor, isUuid } from '#platform/db/index.js';
import { type CourseRow, courseInstructors, courses, enrolments } from './tables.js';

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

/** The user's role in the course (`owner` or `co_instructor`), or undefined when they do not teach it. */
export async function findInstructorRole(
  executor: Executor,
  courseId: string,
  userId: string,
): Promise<string | undefined> {
  const [row] = await executor
    .select({ role: courseInstructors.role })
    .from(courseInstructors)
    .where(and(eq(courseInstructors.courseId, courseId), eq(courseInstructors.userId, userId)))
    .limit(1);
  return row?.role;
}

/** The status of the user's enrolment in the course, if any. */
export async function findEnrolmentStatus(
  executor: Executor,
  courseId: string,
  userId: string,
): Promise<string | undefined> {
  const [row] = await executor
    .select({ status: enrolments.status })
    .from(enrolments)
    .where(and(eq(enrolments.courseId, courseId), eq(enrolments.userId, userId)));
  return row?.status;
}
