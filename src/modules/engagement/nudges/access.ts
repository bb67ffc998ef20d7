import { catalogApi } from '#modules/catalog/index.js';
import type { Principal } from '#platform/auth/principal.js';
import type { Executor } from '#platform/db/index.js';
import * as learners from '../repository.js';

export const isStaff = (p: Principal) => p.permissions.has('engagement:manage');

/** Whether the caller teaches one of these engagement courses (through their catalog course). */
export async function teachesAny(
  db: Executor,
  caller: Principal,
  courseIds: readonly string[],
): Promise<boolean> {
  if (!caller.permissions.has('engagement:read')) return false;
  for (const id of courseIds) {
    const course = await learners.findCourse(db, id);
    if (!course?.catalogCourseId) continue;
    const summary = await catalogApi.courseSummary(db, course.catalogCourseId);
    if (summary?.instructors.some((i) => i.userId === caller.userId)) return true;
  }
  return false;
}
