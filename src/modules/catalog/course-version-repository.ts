import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '#platform/db/index.js';
import { courses } from './tables.js';

/*
 * A course's version is the validator of everything `GET /courses/:id` shows (its ETag is
 * `"<version>"`, whatever `include` asks): so a write that changes any of it — the outline,
 * lesson durations, instructors, reviews, the category's name — bumps the version in its own
 * transaction, or `If-None-Match` would answer 304 for a changed course and `If-Match` would let
 * an editor write over a state they never saw.
 */

/**
 * Locks the course row for this transaction (`SELECT … FOR UPDATE`) and returns its version,
 * or undefined when there is no such course (or, unless `deleted`, it was soft-deleted).
 */
export async function lockCourseRow(
  tx: Executor,
  courseId: string,
  { deleted = false }: { deleted?: boolean } = {},
): Promise<number | undefined> {
  const match = deleted
    ? eq(courses.id, courseId)
    : and(eq(courses.id, courseId), isNull(courses.deletedAt));
  const [row] = await tx
    .select({ version: courses.version })
    .from(courses)
    .where(match)
    .for('update');
  return row?.version;
}

/** Bumps the course's version without touching `updated_at`/`updated_by`, which its own fields own. */
export async function bumpCourseVersion(tx: Executor, courseId: string): Promise<void> {
  await tx
    .update(courses)
    .set({ version: sql`${courses.version} + 1`, updatedAt: sql`${courses.updatedAt}` })
    .where(eq(courses.id, courseId));
}

/** Bumps every course filed under the category (its name and slug show in each of them). */
export async function bumpCourseVersionsInCategory(tx: Executor, categoryId: string) {
  await tx
    .update(courses)
    .set({ version: sql`${courses.version} + 1`, updatedAt: sql`${courses.updatedAt}` })
    .where(eq(courses.categoryId, categoryId));
}

/** The course's version now (0 when it is gone), for the ETag of a 412. */
export async function currentCourseVersion(executor: Executor, courseId: string): Promise<number> {
  const [row] = await executor
    .select({ version: courses.version })
    .from(courses)
    .where(eq(courses.id, courseId));
  return row?.version ?? 0;
}
