import { and, asc, count, desc, eq, gte, lt, max, min, sql } from 'drizzle-orm';
import type { Executor } from '#platform/db/index.js';
import { engagementLearners } from '../tables.js';
import {
  engagementExperiments,
  engagementExperimentVariants,
  engagementNudges,
  engagementPrompts,
} from './tables.js';

export type PromptRow = typeof engagementPrompts.$inferSelect;
export type NudgeRow = typeof engagementNudges.$inferSelect;
export type ExperimentRow = typeof engagementExperiments.$inferSelect;
export type VariantRow = typeof engagementExperimentVariants.$inferSelect;

export async function activePrompt(db: Executor, name: string): Promise<PromptRow | undefined> {
  const [row] = await db
    .select()
    .from(engagementPrompts)
    .where(and(eq(engagementPrompts.name, name), eq(engagementPrompts.active, true)));
  return row;
}

export async function promptVersion(
  db: Executor,
  name: string,
  version: number,
): Promise<PromptRow | undefined> {
  const [row] = await db
    .select()
    .from(engagementPrompts)
    .where(and(eq(engagementPrompts.name, name), eq(engagementPrompts.version, version)));
  return row;
}

export function promptVersions(db: Executor, name: string): Promise<PromptRow[]> {
  return db
    .select()
    .from(engagementPrompts)
    .where(eq(engagementPrompts.name, name))
    .orderBy(desc(engagementPrompts.version));
}

export async function latestVersion(db: Executor, name: string): Promise<number> {
  const [row] = await db
    .select({ v: max(engagementPrompts.version) })
    .from(engagementPrompts)
    .where(eq(engagementPrompts.name, name));
  return row?.v ?? 0;
}

export async function deactivatePrompt(db: Executor, name: string): Promise<void> {
  await db
    .update(engagementPrompts)
    .set({ active: false })
    .where(and(eq(engagementPrompts.name, name), eq(engagementPrompts.active, true)));
}

export async function activatePrompt(db: Executor, id: string): Promise<PromptRow> {
  const [row] = await db
    .update(engagementPrompts)
    .set({ active: true })
    .where(eq(engagementPrompts.id, id))
    .returning();
  return row!;
}

export async function insertPrompt(
  db: Executor,
  row: typeof engagementPrompts.$inferInsert,
): Promise<PromptRow> {
  const [created] = await db.insert(engagementPrompts).values(row).returning();
  return created!;
}

export async function insertNudge(
  db: Executor,
  row: typeof engagementNudges.$inferInsert,
): Promise<NudgeRow> {
  const [created] = await db.insert(engagementNudges).values(row).returning();
  return created!;
}

export function nudgesOf(db: Executor, learnerId: string, limit: number, beforeId?: string) {
  return db
    .select()
    .from(engagementNudges)
    .where(
      and(
        eq(engagementNudges.learnerId, learnerId),
        beforeId ? lt(engagementNudges.id, beforeId) : undefined,
      ),
    )
    .orderBy(desc(engagementNudges.id))
    .limit(limit);
}

/** How many nudges a learner got since `since`, and when the oldest of them was made. */
export async function nudgesSince(db: Executor, learnerId: string, since: Date) {
  const [row] = await db
    .select({ n: count(), oldest: min(engagementNudges.createdAt) })
    .from(engagementNudges)
    .where(and(eq(engagementNudges.learnerId, learnerId), gte(engagementNudges.createdAt, since)));
  return { count: row?.n ?? 0, oldest: row?.oldest ?? null };
}

export async function insertExperiment(
  db: Executor,
  row: typeof engagementExperiments.$inferInsert,
  variants: Omit<typeof engagementExperimentVariants.$inferInsert, 'experimentId'>[],
): Promise<ExperimentRow> {
  const [created] = await db.insert(engagementExperiments).values(row).returning();
  await db
    .insert(engagementExperimentVariants)
    .values(variants.map((v) => ({ ...v, experimentId: created!.id })));
  return created!;
}

export async function findExperiment(db: Executor, id: string) {
  const [row] = await db
    .select()
    .from(engagementExperiments)
    .where(eq(engagementExperiments.id, id));
  if (!row) return undefined;
  const variants = await db
    .select()
    .from(engagementExperimentVariants)
    .where(eq(engagementExperimentVariants.experimentId, id))
    .orderBy(asc(engagementExperimentVariants.position));
  return { ...row, variants };
}

export async function stopExperiment(db: Executor, id: string, at: Date, winner: string | null) {
  await db
    .update(engagementExperiments)
    .set({ status: 'stopped', stoppedAt: at, winner })
    .where(eq(engagementExperiments.id, id));
}

/**
 * Per variant: nudges of the experiment, and those followed by any (unvoided) activity of the
 * learner within `withinDays` after the nudge.
 */
export async function experimentOutcomes(db: Executor, experimentId: string, withinDays: number) {
  // Qualified by hand: Drizzle leaves a single table's columns unqualified, and inside the
  // subquery "learner_id" and "created_at" would then name the activity's own columns.
  const converted = sql<string>`count(*) filter (where exists (
    select 1 from engagement_activity a
    where a.learner_id = engagement_nudges.learner_id
      and a.voided_at is null
      and a.occurred_at > engagement_nudges.created_at
      and a.occurred_at <= engagement_nudges.created_at + make_interval(days => ${withinDays}::int)
  ))`;
  const rows = await db
    .select({ variant: engagementNudges.variant, sent: count(), converted })
    .from(engagementNudges)
    .where(eq(engagementNudges.experimentId, experimentId))
    .groupBy(engagementNudges.variant);
  return rows.map((r) => ({
    variant: r.variant ?? '',
    sent: Number(r.sent),
    converted: Number(r.converted),
  }));
}

export async function countLearners(db: Executor, cohort?: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(engagementLearners)
    .where(cohort === undefined ? undefined : eq(engagementLearners.cohort, cohort));
  return row?.n ?? 0;
}
