import type { Cache } from '#platform/cache/index.js';

/** Every cached course list and search page carries this tag. */
export const COURSE_LISTS_TAG = 'courses:lists';
/** Every cached view of one course (detail, includes) carries its tag. */
export const courseTag = (courseId: string) => `course:${courseId}`;
export const CATEGORIES_TAG = 'categories';

/**
 * Drops what a write to a course changed: its cached views and every list (a list shows titles,
 * ratings and status). Call it from `uow.afterCommit` so readers never cache the old state anew.
 */
export async function invalidateCourse(cache: Cache, courseId: string): Promise<void> {
  await cache.invalidateTags([courseTag(courseId), COURSE_LISTS_TAG]);
}
