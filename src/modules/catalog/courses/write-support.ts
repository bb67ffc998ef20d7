import type { Executor } from '#platform/db/index.js';
import { isUniqueViolation } from '#platform/db/index.js';
import { conflict, unprocessable, validationError } from '#platform/errors/index.js';
import type { CourseRow } from '../tables.js';
import * as repo from './repository.js';
import { firstFreeSlug, slugify } from './slug.js';

const SLUG_CONSTRAINT = 'courses_slug_unique';

export const slugTaken = (slug: string) =>
  conflict(`The slug "${slug}" is already used by another course`, 'SLUG_TAKEN', {
    details: [{ path: '/body/slug', message: 'is taken' }],
  });

/** The first free slug made from `text` (`-2`, `-3`, … when taken). */
export async function freeSlugFrom(executor: Executor, text: string): Promise<string> {
  const base = slugify(text);
  return firstFreeSlug(base, await repo.slugsLike(executor, base));
}

/**
 * Runs a use case that inserts a course slug. Two requests may pick the same free slug at once;
 * the loser's transaction fails on the unique index: a generated slug is then picked anew, a
 * slug the client chose is a 409 `SLUG_TAKEN`.
 */
export async function retryOnSlugRace<T>(
  slug: string | undefined,
  work: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isUniqueViolation(error, SLUG_CONSTRAINT)) throw error;
      if (slug !== undefined) throw slugTaken(slug);
      if (attempt >= 3)
        throw conflict('Other courses took every slug tried; try again', 'SLUG_TAKEN');
    }
  }
}

/**
 * A course's cover is set only by uploading it (`POST /courses/:id/cover`), so that it is always
 * a file of this course: `coverFileId` takes `null` (no cover) or the current cover. Any other
 * id, another user's file, another course's cover or video, or no file at all, is the same 422
 * (a stranger learns nothing about which ids exist).
 */
export function refuseForeignCover(course: CourseRow, coverFileId: string | null): void {
  if (coverFileId === null || coverFileId === course.coverFileId) return;
  throw unprocessable(
    "A course's cover is set by uploading it to POST /courses/:id/cover",
    [{ path: '/body/coverFileId', message: "must be null or the course's current cover" }],
    'UNKNOWN_FILE',
  );
}

/**
 * The category a body names by `categoryId` or `categorySlug` (not both): its id, null to
 * clear it, undefined when the body names none. An unknown category is a 422.
 */
export async function resolveCategoryId(
  executor: Executor,
  body: { categoryId?: string | null; categorySlug?: string | null },
): Promise<string | null | undefined> {
  if (body.categoryId !== undefined && body.categorySlug !== undefined)
    throw validationError('Name the category by categoryId or by categorySlug, not both', [
      { path: '/body/categorySlug', message: 'must not be given with categoryId' },
    ]);
  const given = body.categoryId !== undefined ? body.categoryId : body.categorySlug;
  if (given === undefined || given === null) return given;
  const category = await repo.findCategory(
    executor,
    body.categoryId ? { id: body.categoryId } : { slug: given },
  );
  if (!category)
    throw unprocessable(
      'There is no such category',
      [
        {
          path: body.categoryId ? '/body/categoryId' : '/body/categorySlug',
          message: 'names no category',
        },
      ],
      'UNKNOWN_CATEGORY',
    );
  return category.id;
}
