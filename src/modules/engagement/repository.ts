import { and, desc, eq, gt, inArray, isNull, type SQL } from 'drizzle-orm';
import { userRoles, users } from '#platform/auth/tables.js';
import type { Executor } from '#platform/db/index.js';
import {
  engagementActivity,
  engagementCourses,
  engagementLearners,
  engagementRegistrations,
} from './tables.js';

export type LearnerRow = typeof engagementLearners.$inferSelect;
export type NewLearnerRow = typeof engagementLearners.$inferInsert;
export type ActivityRow = typeof engagementActivity.$inferSelect;

export async function insertLearner(db: Executor, row: NewLearnerRow): Promise<LearnerRow> {
  const [created] = await db.insert(engagementLearners).values(row).returning();
  return created!;
}

export async function findLearner(db: Executor, id: string): Promise<LearnerRow | undefined> {
  const [row] = await db.select().from(engagementLearners).where(eq(engagementLearners.id, id));
  return row;
}

/** Whether a user exists and holds the learner role. */
export async function isLearnerUser(db: Executor, userId: string): Promise<boolean> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(users.id, userId), eq(userRoles.role, 'learner')));
  return rows.length > 0;
}

export interface LearnerFilter {
  courseId?: string;
  cohort?: string;
  afterId?: string;
  /** Only learners registered in one of these courses (an instructor's view). */
  courseIds?: readonly string[];
}

/** Learners in id order (time-ordered), one extra to tell another page exists. */
export async function listLearners(
  db: Executor,
  filter: LearnerFilter,
  limit: number,
): Promise<LearnerRow[]> {
  const where: SQL[] = [];
  if (filter.cohort !== undefined) where.push(eq(engagementLearners.cohort, filter.cohort));
  if (filter.afterId) where.push(gt(engagementLearners.id, filter.afterId));
  const courses = filter.courseId ? [filter.courseId] : filter.courseIds;
  if (courses) {
    if (courses.length === 0) return [];
    const registered = db
      .select({ id: engagementRegistrations.learnerId })
      .from(engagementRegistrations)
      .where(inArray(engagementRegistrations.courseId, [...courses]));
    where.push(inArray(engagementLearners.id, registered));
  }
  return db
    .select()
    .from(engagementLearners)
    .where(and(...where))
    .orderBy(engagementLearners.id)
    .limit(limit);
}

export interface LearnerCourseRow {
  courseId: string;
  catalogCourseId: string | null;
  title: string;
  registeredAt: Date | null;
  unregisteredAt: Date | null;
}

export function coursesOfLearner(db: Executor, learnerId: string): Promise<LearnerCourseRow[]> {
  return db
    .select({
      courseId: engagementCourses.id,
      catalogCourseId: engagementCourses.catalogCourseId,
      title: engagementCourses.title,
      registeredAt: engagementRegistrations.registeredAt,
      unregisteredAt: engagementRegistrations.unregisteredAt,
    })
    .from(engagementRegistrations)
    .innerJoin(engagementCourses, eq(engagementCourses.id, engagementRegistrations.courseId))
    .where(eq(engagementRegistrations.learnerId, learnerId))
    .orderBy(engagementCourses.title);
}

export async function findCourse(db: Executor, id: string) {
  const [row] = await db.select().from(engagementCourses).where(eq(engagementCourses.id, id));
  return row;
}

export function recentActivity(db: Executor, learnerId: string, limit: number) {
  return db
    .select()
    .from(engagementActivity)
    .where(and(eq(engagementActivity.learnerId, learnerId), isNull(engagementActivity.voidedAt)))
    .orderBy(desc(engagementActivity.occurredAt))
    .limit(limit);
}
