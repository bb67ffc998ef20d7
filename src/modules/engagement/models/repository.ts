import { and, desc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '#platform/db/index.js';
import {
  engagementActivity,
  engagementCourses,
  engagementLearners,
  engagementModels,
  engagementModelVersions,
  engagementRegistrations,
  engagementRiskSnapshots,
} from '../tables.js';

export type ModelRow = typeof engagementModels.$inferSelect;
export type VersionRow = typeof engagementModelVersions.$inferSelect;
export type NewSnapshotRow = typeof engagementRiskSnapshots.$inferInsert;

export async function findModel(db: Executor, id: string) {
  const [row] = await db.select().from(engagementModels).where(eq(engagementModels.id, id));
  return row;
}

export async function findModelByName(db: Executor, name: string) {
  const [row] = await db.select().from(engagementModels).where(eq(engagementModels.name, name));
  return row;
}

export function listModels(db: Executor, afterId: string | undefined, limit: number) {
  return db
    .select()
    .from(engagementModels)
    .where(afterId ? gt(engagementModels.id, afterId) : undefined)
    .orderBy(engagementModels.id)
    .limit(limit);
}

export function versionsOf(db: Executor, modelIds: readonly string[]) {
  if (modelIds.length === 0) return Promise.resolve([] as VersionRow[]);
  return db
    .select()
    .from(engagementModelVersions)
    .where(inArray(engagementModelVersions.modelId, [...modelIds]))
    .orderBy(engagementModelVersions.modelId, desc(engagementModelVersions.version));
}

export async function insertModel(db: Executor, row: typeof engagementModels.$inferInsert) {
  const [created] = await db.insert(engagementModels).values(row).returning();
  return created!;
}

export async function nextVersion(db: Executor, modelId: string): Promise<number> {
  const [row] = await db
    .select({ max: sql<number | null>`max(${engagementModelVersions.version})` })
    .from(engagementModelVersions)
    .where(eq(engagementModelVersions.modelId, modelId));
  return (row?.max ?? 0) + 1;
}

export async function insertVersion(
  db: Executor,
  row: typeof engagementModelVersions.$inferInsert,
) {
  const [created] = await db.insert(engagementModelVersions).values(row).returning();
  return created!;
}

export async function updateVersion(
  db: Executor,
  id: string,
  set: Partial<typeof engagementModelVersions.$inferInsert>,
) {
  await db.update(engagementModelVersions).set(set).where(eq(engagementModelVersions.id, id));
}

export async function findVersion(db: Executor, id: string) {
  const [row] = await db
    .select()
    .from(engagementModelVersions)
    .where(eq(engagementModelVersions.id, id));
  return row;
}

/** Deactivates every model, then activates `id` (none: the built-in formula is active). */
export async function setActive(db: Executor, id: string | null, now: Date) {
  await db
    .update(engagementModels)
    .set({ active: false, updatedAt: now })
    .where(eq(engagementModels.active, true));
  if (id)
    await db
      .update(engagementModels)
      .set({ active: true, updatedAt: now })
      .where(eq(engagementModels.id, id));
}

/** The active model and its newest ready version, if a trained model is active. */
export async function activeVersion(db: Executor) {
  const [row] = await db
    .select({ model: engagementModels, version: engagementModelVersions })
    .from(engagementModels)
    .innerJoin(engagementModelVersions, eq(engagementModelVersions.modelId, engagementModels.id))
    .where(and(eq(engagementModels.active, true), eq(engagementModelVersions.status, 'ready')))
    .orderBy(desc(engagementModelVersions.version))
    .limit(1);
  return row;
}

export interface ScorableCourse {
  learnerId: string;
  courseId: string;
  startDate: string;
  lengthDays: number;
}

/** Each learner's courses with a start and a length (the ones a trained model can score in). */
export async function scorableCourses(
  db: Executor,
  learnerIds: readonly string[],
): Promise<ScorableCourse[]> {
  if (learnerIds.length === 0) return [];
  const rows = await db
    .select({
      learnerId: engagementRegistrations.learnerId,
      courseId: engagementCourses.id,
      startDate: engagementCourses.startDate,
      lengthDays: engagementCourses.lengthDays,
    })
    .from(engagementRegistrations)
    .innerJoin(engagementCourses, eq(engagementCourses.id, engagementRegistrations.courseId))
    .where(
      and(
        inArray(engagementRegistrations.learnerId, [...learnerIds]),
        isNotNull(engagementCourses.startDate),
        isNotNull(engagementCourses.lengthDays),
      ),
    );
  return rows.flatMap((r) =>
    r.startDate && r.lengthDays ? [{ ...r, startDate: r.startDate, lengthDays: r.lengthDays }] : [],
  );
}

/** Changes whenever a course's activity or registrations change: the key of its cached scores. */
export async function courseFingerprint(db: Executor, courseId: string): Promise<string> {
  const [a] = await db
    .select({
      n: sql<number>`count(*)::int`,
      voided: sql<number>`count(${engagementActivity.voidedAt})::int`,
      last: sql<string | null>`max(${engagementActivity.createdAt})::text`,
      lastVoid: sql<string | null>`max(${engagementActivity.voidedAt})::text`,
    })
    .from(engagementActivity)
    .where(eq(engagementActivity.courseId, courseId));
  const [r] = await db
    .select({
      n: sql<number>`count(*)::int`,
      last: sql<string | null>`max(${engagementRegistrations.updatedAt})::text`,
    })
    .from(engagementRegistrations)
    .where(eq(engagementRegistrations.courseId, courseId));
  return [a?.n, a?.voided, a?.last, a?.lastVoid, r?.n, r?.last].join('|');
}

export async function insertSnapshots(db: Executor, rows: NewSnapshotRow[]) {
  if (rows.length > 0) await db.insert(engagementRiskSnapshots).values(rows);
}

export function snapshotsOf(db: Executor, learnerId: string, limit: number) {
  return db
    .select()
    .from(engagementRiskSnapshots)
    .where(eq(engagementRiskSnapshots.learnerId, learnerId))
    .orderBy(desc(engagementRiskSnapshots.asOf), desc(engagementRiskSnapshots.createdAt))
    .limit(limit);
}

/** Learners to score: all, or those registered in the course. */
export async function countToScore(db: Executor, courseId: string | undefined): Promise<number> {
  if (!courseId) {
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(engagementLearners);
    return row?.n ?? 0;
  }
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(engagementRegistrations)
    .where(eq(engagementRegistrations.courseId, courseId));
  return row?.n ?? 0;
}
