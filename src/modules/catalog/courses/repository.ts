import { and, asc, eq, inArray, isNotNull, like, lt, ne, not, or, type SQL } from 'drizzle-orm';
import type { Executor } from '#platform/db/index.js';
import { versionGuard } from '#platform/db/index.js';
import {
  type CategoryRow,
  type CourseRow,
  categories,
  courseInstructors,
  courses,
  courseTags,
  lessons,
} from '../tables.js';

export type NewCourse = typeof courses.$inferInsert;
export type CourseChanges = Partial<
  Pick<
    NewCourse,
    | 'title'
    | 'slug'
    | 'summary'
    | 'description'
    | 'categoryId'
    | 'level'
    | 'language'
    | 'coverFileId'
    | 'status'
    | 'publishedAt'
    | 'deletedAt'
  >
>;

/** A course by id whether or not it was deleted (restore needs the deleted ones). */
export async function findCourseById(
  executor: Executor,
  id: string,
): Promise<CourseRow | undefined> {
  const [row] = await executor.select().from(courses).where(eq(courses.id, id));
  return row;
}

/** Slugs equal to `base` or of the form `base-…`, deleted courses included (they keep theirs). */
export async function slugsLike(executor: Executor, base: string): Promise<string[]> {
  const rows = await executor
    .select({ slug: courses.slug })
    .from(courses)
    .where(or(eq(courses.slug, base), like(courses.slug, `${base}-%`)));
  return rows.map((r) => r.slug);
}

export async function slugTaken(executor: Executor, slug: string, exceptId?: string) {
  const rows = await executor
    .select({ id: courses.id })
    .from(courses)
    .where(and(eq(courses.slug, slug), exceptId ? ne(courses.id, exceptId) : undefined))
    .limit(1);
  return rows.length > 0;
}

export async function findCategory(
  executor: Executor,
  by: { id: string } | { slug: string },
): Promise<CategoryRow | undefined> {
  const [row] = await executor
    .select()
    .from(categories)
    .where('id' in by ? eq(categories.id, by.id) : eq(categories.slug, by.slug));
  return row;
}

export async function insertCourse(tx: Executor, values: NewCourse): Promise<CourseRow> {
  const [row] = await tx.insert(courses).values(values).returning();
  return row!;
}

/**
 * Applies changes and bumps the version, only if the course is still at `expectedVersion`;
 * undefined when someone changed it in between.
 */
export async function updateCourse(
  tx: Executor,
  id: string,
  expectedVersion: number,
  changes: CourseChanges,
  actorId: string | null,
): Promise<CourseRow | undefined> {
  const guard = versionGuard(courses.id, id, courses.version, expectedVersion);
  const [row] = await tx
    .update(courses)
    .set({ ...changes, version: guard.bump, updatedBy: actorId })
    .where(guard.where)
    .returning();
  return row;
}

export async function replaceTags(tx: Executor, courseId: string, tags: readonly string[]) {
  await tx.delete(courseTags).where(eq(courseTags.courseId, courseId));
  if (tags.length > 0) await tx.insert(courseTags).values(tags.map((tag) => ({ courseId, tag })));
}

export async function addInstructor(
  tx: Executor,
  courseId: string,
  userId: string,
  role: 'owner' | 'co_instructor',
) {
  await tx.insert(courseInstructors).values({ courseId, userId, role });
}

export async function isCourseOwner(executor: Executor, courseId: string, userId: string) {
  const rows = await executor
    .select({ userId: courseInstructors.userId })
    .from(courseInstructors)
    .where(
      and(
        eq(courseInstructors.courseId, courseId),
        eq(courseInstructors.userId, userId),
        eq(courseInstructors.role, 'owner'),
      ),
    );
  return rows.length > 0;
}

/** What publishing checks about a course's lessons (every lesson sits in a section). */
export async function lessonsForPublishCheck(executor: Executor, courseId: string) {
  return executor
    .select({
      id: lessons.id,
      title: lessons.title,
      kind: lessons.kind,
      videoUrl: lessons.videoUrl,
      fileId: lessons.fileId,
    })
    .from(lessons)
    .where(eq(lessons.courseId, courseId))
    .orderBy(asc(lessons.sectionId), asc(lessons.position));
}

/** The stored files a course refers to: its cover and its lessons' files. */
export async function fileIdsOfCourse(executor: Executor, courseId: string): Promise<string[]> {
  const files = await filesOf(executor, eq(courses.id, courseId));
  return [...new Set(files)];
}

/** The files that the courses `which` select use (only those among `among`, when given). */
async function filesOf(
  executor: Executor,
  which: SQL | undefined,
  among?: readonly string[],
): Promise<string[]> {
  const covers = await executor
    .select({ id: courses.coverFileId })
    .from(courses)
    .where(
      and(which, among ? inArray(courses.coverFileId, [...among]) : isNotNull(courses.coverFileId)),
    );
  const lessonFiles = await executor
    .select({ id: lessons.fileId })
    .from(lessons)
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .where(and(which, among ? inArray(lessons.fileId, [...among]) : isNotNull(lessons.fileId)));
  return [...covers, ...lessonFiles].flatMap((row) => (row.id ? [row.id] : []));
}

/**
 * The stored files (covers, lesson videos and files) of the courses deleted before `cutoff`,
 * except those another course still uses (copies made before duplicates got their own files
 * shared them with the original).
 */
export async function filesOfDeletedBefore(tx: Executor, cutoff: Date): Promise<string[]> {
  const gone = and(isNotNull(courses.deletedAt), lt(courses.deletedAt, cutoff))!;
  const files = new Set(await filesOf(tx, gone));
  if (files.size === 0) return [];
  for (const id of await filesOf(tx, not(gone), [...files])) files.delete(id);
  return [...files];
}

/** Deletes for good the courses soft-deleted before `cutoff`; their content goes with them. */
export async function purgeDeletedBefore(tx: Executor, cutoff: Date) {
  return tx
    .delete(courses)
    .where(and(isNotNull(courses.deletedAt), lt(courses.deletedAt, cutoff)))
    .returning({ id: courses.id, slug: courses.slug, deletedAt: courses.deletedAt });
}
