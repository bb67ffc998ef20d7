import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '#platform/db/index.js';
import {
  type ArenaRunRow,
  type ArenaStateRow,
  type ArenaWorkloadRow,
  arenaRuns,
  arenaState,
  arenaWorkloadFeatures,
  arenaWorkloads,
} from './tables.js';

const MAIN = 'main';

export async function findState(ex: Executor, lock = false): Promise<ArenaStateRow | undefined> {
  const q = ex.select().from(arenaState).where(eq(arenaState.id, MAIN));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function saveState(ex: Executor, values: Omit<typeof arenaState.$inferInsert, 'id'>) {
  await ex
    .insert(arenaState)
    .values({ id: MAIN, ...values })
    .onConflictDoUpdate({ target: arenaState.id, set: { ...values, updatedAt: new Date() } });
}

export async function updateState(ex: Executor, changes: Partial<typeof arenaState.$inferInsert>) {
  await ex
    .update(arenaState)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(arenaState.id, MAIN));
}

export async function findWorkloadAt(ex: Executor, position: number) {
  const [row] = await ex.select().from(arenaWorkloads).where(eq(arenaWorkloads.position, position));
  return row;
}

export async function findWorkload(ex: Executor, id: string) {
  const [row] = await ex.select().from(arenaWorkloads).where(eq(arenaWorkloads.id, id));
  return row;
}

export async function insertWorkload(
  ex: Executor,
  values: typeof arenaWorkloads.$inferInsert,
  features: Record<string, number>,
) {
  const [row] = await ex.insert(arenaWorkloads).values(values).returning();
  await ex
    .insert(arenaWorkloadFeatures)
    .values(
      Object.entries(features).map(([name, value]) => ({ workloadId: row!.id, name, value })),
    );
  return row!;
}

export async function deleteWorkload(ex: Executor, id: string) {
  await ex.delete(arenaWorkloads).where(eq(arenaWorkloads.id, id));
}

export async function updateWorkload(
  ex: Executor,
  id: string,
  changes: Partial<typeof arenaWorkloads.$inferInsert>,
) {
  await ex
    .update(arenaWorkloads)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(arenaWorkloads.id, id));
}

export async function insertRun(ex: Executor, values: typeof arenaRuns.$inferInsert) {
  const [row] = await ex.insert(arenaRuns).values(values).returning();
  return row!;
}

export async function updateRun(ex: Executor, id: string, changes: { gap: number; rank: number }) {
  await ex.update(arenaRuns).set(changes).where(eq(arenaRuns.id, id));
}

export async function findRun(ex: Executor, id: string) {
  const [row] = await ex.select().from(arenaRuns).where(eq(arenaRuns.id, id));
  return row;
}

/** Completed workloads, newest first (at most `limit`). */
export async function recentWorkloads(ex: Executor, limit?: number): Promise<ArenaWorkloadRow[]> {
  const q = ex
    .select()
    .from(arenaWorkloads)
    .where(eq(arenaWorkloads.status, 'completed'))
    .orderBy(desc(arenaWorkloads.position));
  return limit === undefined ? q : q.limit(limit);
}

export async function runsOf(ex: Executor, workloadIds: string[]): Promise<ArenaRunRow[]> {
  if (!workloadIds.length) return [];
  return ex
    .select()
    .from(arenaRuns)
    .where(inArray(arenaRuns.workloadId, workloadIds))
    .orderBy(asc(arenaRuns.rank), asc(arenaRuns.competitor));
}

export async function featuresOf(ex: Executor, workloadIds: string[]) {
  if (!workloadIds.length) return [];
  return ex
    .select()
    .from(arenaWorkloadFeatures)
    .where(inArray(arenaWorkloadFeatures.workloadId, workloadIds));
}
