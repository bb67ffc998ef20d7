import { and, asc, desc, eq, exists, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { users } from '#platform/auth/tables.js';
import type { Executor } from '#platform/db/index.js';
import {
  categories,
  courseInstructors,
  courseReviews,
  courseSections,
  courses,
  courseTags,
  lessons,
} from '../tables.js';
import type { CourseSort, ListCursor } from './list-query.js';
import type { CourseStatus } from './workflow.js';

/**
 * The read model of a course: its row with its category, tags, rating and lesson totals, all in
 * one statement (correlated subqueries), so a page of courses is one query whatever its size.
 */
const viewColumns = {
  id: courses.id,
  slug: courses.slug,
  title: courses.title,
  summary: courses.summary,
  description: courses.description,
  level: courses.level,
  language: courses.language,
  status: courses.status,
  publishedAt: courses.publishedAt,
  version: courses.version,
  coverFileId: courses.coverFileId,
  createdAt: courses.createdAt,
  updatedAt: courses.updatedAt,
  categoryId: categories.id,
  categorySlug: categories.slug,
  categoryName: categories.name,
  tags: sql<
    string[]
  >`coalesce((select array_agg(${courseTags.tag} order by ${courseTags.tag}) from ${courseTags} where ${courseTags.courseId} = ${courses.id}), '{}'::text[])`,
  ratingAverage: sql<
    number | null
  >`(select round(avg(${courseReviews.rating}), 2)::float8 from ${courseReviews} where ${courseReviews.courseId} = ${courses.id})`,
  ratingCount: sql<number>`(select count(*)::int from ${courseReviews} where ${courseReviews.courseId} = ${courses.id})`,
  lessonCount: sql<number>`(select count(*)::int from ${lessons} where ${lessons.courseId} = ${courses.id})`,
  totalDurationSeconds: sql<number>`(select coalesce(sum(${lessons.durationSeconds}), 0)::int from ${lessons} where ${lessons.courseId} = ${courses.id})`,
};

export interface CourseView {
  id: string;
  slug: string;
  title: string;
  summary: string | null;
  description: string | null;
  level: string;
  language: string;
  status: string;
  publishedAt: Date | null;
  version: number;
  coverFileId: string | null;
  createdAt: Date;
  updatedAt: Date;
  categoryId: string | null;
  categorySlug: string | null;
  categoryName: string | null;
  tags: string[];
  ratingAverage: number | null;
  ratingCount: number;
  lessonCount: number;
  totalDurationSeconds: number;
}

/** One live course's view, by id. */
export async function findCourseView(
  executor: Executor,
  id: string,
): Promise<CourseView | undefined> {
  const [row] = await executor
    .select(viewColumns)
    .from(courses)
    .leftJoin(categories, eq(categories.id, courses.categoryId))
    .where(and(eq(courses.id, id), isNull(courses.deletedAt)));
  return row;
}

export interface CourseListFilter {
  /** Which statuses to show; the public catalog shows `published` only. */
  statuses: readonly CourseStatus[];
  q?: string;
  categorySlug?: string;
  level?: string;
  tag?: string;
  instructorId?: string;
  language?: string;
  /** Only courses this user teaches (`mine=true`). */
  taughtBy?: string;
  sort: CourseSort;
  after?: ListCursor;
  /** Rows to fetch: the page size plus one, to know whether another page follows. */
  limit: number;
}

const searchQuery = (q: string) => sql`websearch_to_tsquery('english', ${q})`;

/**
 * The expression each sort orders by, the type its printed value casts back to (cursors carry
 * it as text), and the direction; the id breaks ties in the same direction.
 */
function sortSpec(sort: CourseSort, q: string | undefined) {
  switch (sort) {
    case 'relevance':
      return {
        key: sql`ts_rank(${courses.searchVector}, ${searchQuery(q ?? '')})`,
        type: sql.raw('real'),
        descending: true,
      };
    case 'title':
      return { key: sql`lower(${courses.title})`, type: sql.raw('text'), descending: false };
    case 'rating':
      return {
        key: sql`coalesce((select avg(${courseReviews.rating}) from ${courseReviews} where ${courseReviews.courseId} = ${courses.id}), 0)`,
        type: sql.raw('numeric'),
        descending: true,
      };
    case 'newest':
      return {
        key: sql`coalesce(${courses.publishedAt}, ${courses.createdAt})`,
        type: sql.raw('timestamptz'),
        descending: true,
      };
  }
}

/** A page of live courses (plus one) matching the filter, in the sort's order after the cursor. */
export async function listCourseViews(
  executor: Executor,
  filter: CourseListFilter,
): Promise<Array<CourseView & { sortKey: string }>> {
  const spec = sortSpec(filter.sort, filter.q);
  const conditions: Array<SQL | undefined> = [
    isNull(courses.deletedAt),
    inArray(courses.status, [...filter.statuses]),
    filter.q ? sql`${courses.searchVector} @@ ${searchQuery(filter.q)}` : undefined,
    filter.categorySlug ? eq(categories.slug, filter.categorySlug) : undefined,
    filter.level ? eq(courses.level, filter.level) : undefined,
    filter.language ? eq(courses.language, filter.language) : undefined,
    filter.tag
      ? exists(
          executor
            .select({ one: sql`1` })
            .from(courseTags)
            .where(and(eq(courseTags.courseId, courses.id), eq(courseTags.tag, filter.tag))),
        )
      : undefined,
    filter.instructorId ? taughtBy(executor, filter.instructorId) : undefined,
    filter.taughtBy ? taughtBy(executor, filter.taughtBy) : undefined,
    filter.after
      ? spec.descending
        ? sql`(${spec.key}, ${courses.id}) < (${filter.after.key}::${spec.type}, ${filter.after.id}::uuid)`
        : sql`(${spec.key}, ${courses.id}) > (${filter.after.key}::${spec.type}, ${filter.after.id}::uuid)`
      : undefined,
  ];
  const order = spec.descending ? desc : asc;
  return executor
    .select({ ...viewColumns, sortKey: sql<string>`(${spec.key})::text` })
    .from(courses)
    .leftJoin(categories, eq(categories.id, courses.categoryId))
    .where(and(...conditions))
    .orderBy(order(spec.key), order(courses.id))
    .limit(filter.limit);
}

const taughtBy = (executor: Executor, userId: string) =>
  exists(
    executor
      .select({ one: sql`1` })
      .from(courseInstructors)
      .where(and(eq(courseInstructors.courseId, courses.id), eq(courseInstructors.userId, userId))),
  );

/** The sections of these courses, in order: one query for any number of courses. */
export async function sectionsOfCourses(executor: Executor, courseIds: readonly string[]) {
  if (courseIds.length === 0) return [];
  return executor
    .select({
      id: courseSections.id,
      courseId: courseSections.courseId,
      title: courseSections.title,
      position: courseSections.position,
    })
    .from(courseSections)
    .where(inArray(courseSections.courseId, [...courseIds]))
    .orderBy(asc(courseSections.courseId), asc(courseSections.position), asc(courseSections.id));
}

/**
 * The lessons of these courses, in order, with what the public outline shows only: the video,
 * file, body and transcript are content for enrolled learners and are not even read here.
 */
export async function lessonsOfCourses(executor: Executor, courseIds: readonly string[]) {
  if (courseIds.length === 0) return [];
  return executor
    .select({
      id: lessons.id,
      sectionId: lessons.sectionId,
      title: lessons.title,
      kind: lessons.kind,
      position: lessons.position,
      durationSeconds: lessons.durationSeconds,
      freePreview: lessons.freePreview,
    })
    .from(lessons)
    .where(inArray(lessons.courseId, [...courseIds]))
    .orderBy(asc(lessons.sectionId), asc(lessons.position), asc(lessons.id));
}

/** The instructors of these courses with their names: owners first, then by when they joined. */
export async function instructorsOfCourses(executor: Executor, courseIds: readonly string[]) {
  if (courseIds.length === 0) return [];
  return executor
    .select({
      courseId: courseInstructors.courseId,
      userId: courseInstructors.userId,
      name: users.name,
      role: courseInstructors.role,
    })
    .from(courseInstructors)
    .innerJoin(users, eq(users.id, courseInstructors.userId))
    .where(inArray(courseInstructors.courseId, [...courseIds]))
    .orderBy(
      asc(courseInstructors.courseId),
      desc(sql`${courseInstructors.role} = 'owner'`),
      asc(courseInstructors.createdAt),
      asc(courseInstructors.userId),
    );
}

export type SectionOutlineRow = Awaited<ReturnType<typeof sectionsOfCourses>>[number];
export type LessonOutlineRow = Awaited<ReturnType<typeof lessonsOfCourses>>[number];
export type InstructorRow = Awaited<ReturnType<typeof instructorsOfCourses>>[number];
