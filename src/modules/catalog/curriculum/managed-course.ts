import { requirePrincipal } from '#platform/auth/access.js';
import type { Principal } from '#platform/auth/index.js';
import type { Cache } from '#platform/cache/index.js';
import { type Database, inTransaction, type UnitOfWork } from '#platform/db/index.js';
import { requireAccess } from '../access.js';
import { type CourseWrite, type CourseWriteOptions, writeCourse } from '../course-write.js';
import type { CourseRow } from '../tables.js';

export interface ManagedCourseWrite extends CourseWrite {
  course: CourseRow;
  /** The caller's user id, for `updated_by`. */
  caller: string;
}

/**
 * A curriculum write in its own unit of work: the caller must manage the course (404/401/403
 * otherwise), then the course write sequence runs (`writeCourse`: the course row locked so
 * concurrent writes of one course take turns, its cached views dropped on commit). A write to
 * the outline bumps the course's version, its ETag (the default): the course detail shows the
 * outline, its lesson count and durations; a quiz write passes `version: 'none'`.
 */
export function writeManagedCourse<T>(
  db: Database,
  cache: Cache,
  auth: Principal | null,
  courseRef: string,
  options: CourseWriteOptions,
  work: (write: ManagedCourseWrite) => Promise<T>,
): Promise<T> {
  return inTransaction(db, (uow) =>
    writeManagedCourseIn(uow, cache, auth, courseRef, options, work),
  );
}

/** `writeManagedCourse` within a unit of work the caller opened. */
export async function writeManagedCourseIn<T>(
  uow: UnitOfWork,
  cache: Cache,
  auth: Principal | null,
  courseRef: string,
  options: CourseWriteOptions,
  work: (write: ManagedCourseWrite) => Promise<T>,
): Promise<T> {
  const course = await requireAccess(auth, 'course:manage', { tx: uow.tx, course: courseRef });
  const caller = requirePrincipal(auth);
  return writeCourse(uow, cache, course.id, options, (write) =>
    work({ ...write, course, caller: caller.userId }),
  );
}
