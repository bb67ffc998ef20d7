import { and, desc, eq, inArray, isNull, lt } from 'drizzle-orm';
import { users } from '#platform/auth/tables.js';
import type { Executor } from '#platform/db/index.js';
import {
  ttCourses,
  ttCurricula,
  ttCurriculumCourses,
  ttFeeds,
  ttInstructors,
  ttRooms,
  ttSchedules,
} from '../tables.js';

export type FeedRow = typeof ttFeeds.$inferSelect;

export async function insertFeed(tx: Executor, values: typeof ttFeeds.$inferInsert) {
  const [row] = await tx.insert(ttFeeds).values(values).returning();
  return row!;
}

export async function findFeed(executor: Executor, id: string) {
  const [row] = await executor.select().from(ttFeeds).where(eq(ttFeeds.id, id));
  return row;
}

/** The live (not revoked) feed whose token hashes to `tokenHash`. */
export async function findLiveFeedByHash(executor: Executor, tokenHash: string) {
  const [row] = await executor
    .select()
    .from(ttFeeds)
    .where(and(eq(ttFeeds.tokenHash, tokenHash), isNull(ttFeeds.revokedAt)));
  return row;
}

/** A term's live feeds, newest first (`createdBy` narrows to one user's). */
export async function listFeeds(
  executor: Executor,
  termId: string,
  options: { limit: number; beforeId?: string; createdBy?: string },
) {
  return executor
    .select()
    .from(ttFeeds)
    .where(
      and(
        eq(ttFeeds.termId, termId),
        isNull(ttFeeds.revokedAt),
        options.createdBy ? eq(ttFeeds.createdBy, options.createdBy) : undefined,
        options.beforeId ? lt(ttFeeds.id, options.beforeId) : undefined,
      ),
    )
    .orderBy(desc(ttFeeds.id))
    .limit(options.limit);
}

export async function revokeFeed(tx: Executor, id: string, at: Date) {
  await tx.update(ttFeeds).set({ revokedAt: at }).where(eq(ttFeeds.id, id));
}

const SUBJECT_TABLES = { room: ttRooms, instructor: ttInstructors, curriculum: ttCurricula };

/** The code of a room, instructor or curriculum of the term, if it has one with that id. */
export async function subjectCode(
  executor: Executor,
  kind: keyof typeof SUBJECT_TABLES,
  termId: string,
  id: string,
) {
  const table = SUBJECT_TABLES[kind];
  const [row] = await executor
    .select({ code: table.code })
    .from(table)
    .where(and(eq(table.id, id), eq(table.termId, termId)));
  return row?.code;
}

export async function curriculumCourseIds(executor: Executor, curriculumId: string) {
  const rows = await executor
    .select({ id: ttCurriculumCourses.courseId })
    .from(ttCurriculumCourses)
    .where(eq(ttCurriculumCourses.curriculumId, curriculumId));
  return rows.map((r) => r.id);
}

/** The term's courses that teach one of these catalog courses. */
export async function coursesTeaching(
  executor: Executor,
  termId: string,
  catalogCourseIds: string[],
) {
  if (catalogCourseIds.length === 0) return [];
  const rows = await executor
    .select({ id: ttCourses.id })
    .from(ttCourses)
    .where(and(eq(ttCourses.termId, termId), inArray(ttCourses.catalogCourseId, catalogCourseIds)));
  return rows.map((r) => r.id);
}

export async function publishedScheduleId(executor: Executor, termId: string) {
  const [row] = await executor
    .select({ id: ttSchedules.id })
    .from(ttSchedules)
    .where(and(eq(ttSchedules.termId, termId), eq(ttSchedules.published, true)));
  return row?.id;
}

export async function userExists(executor: Executor, id: string) {
  const [row] = await executor.select({ id: users.id }).from(users).where(eq(users.id, id));
  return row !== undefined;
}
