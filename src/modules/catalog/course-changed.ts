import type { Cache } from '#platform/cache/index.js';
import type { UnitOfWork } from '#platform/db/index.js';
import { invalidateCourse } from './cache-tags.js';
import { bumpCourseVersion } from './course-version-repository.js';

/**
 * For a write that changes how a course shows without touching its own row (curriculum,
 * instructors, reviews, lesson videos): bumps the course's version, which is its ETag, in the
 * same transaction, and drops its cached views once that commits.
 */
export async function courseChanged(uow: UnitOfWork, cache: Cache, courseId: string) {
  await bumpCourseVersion(uow.tx, courseId);
  uow.afterCommit(() => invalidateCourse(cache, courseId));
}
