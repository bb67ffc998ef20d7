import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '#platform/db/index.js';
import { archiveBatches, archiveBatchItems } from '../tables.js';

export type BatchRow = typeof archiveBatches.$inferSelect;
export type BatchItemRow = typeof archiveBatchItems.$inferSelect;
export type ItemStatus = BatchItemRow['status'];

export interface BatchCounts {
  pending: number;
  running: number;
  done: number;
  failed: number;
  cancelled: number;
}

export async function insertBatch(
  tx: Executor,
  batch: { productName: string | null; createdBy: string | null },
  sources: readonly string[],
): Promise<BatchRow> {
  const [row] = await tx
    .insert(archiveBatches)
    .values({ ...batch, status: 'pending' })
    .returning();
  await tx
    .insert(archiveBatchItems)
    .values(sources.map((source, position) => ({ batchId: row!.id, position, source })));
  return row!;
}

export async function findBatch(
  executor: Executor,
  id: string,
  lock = false,
): Promise<BatchRow | undefined> {
  const query = executor.select().from(archiveBatches).where(eq(archiveBatches.id, id));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

export async function listBatches(executor: Executor, limit: number, beforeId: string | null) {
  return executor
    .select()
    .from(archiveBatches)
    .where(beforeId ? lt(archiveBatches.id, beforeId) : undefined)
    .orderBy(desc(archiveBatches.id))
    .limit(limit + 1);
}

export async function itemsOf(executor: Executor, batchId: string): Promise<BatchItemRow[]> {
  return executor
    .select()
    .from(archiveBatchItems)
    .where(eq(archiveBatchItems.batchId, batchId))
    .orderBy(asc(archiveBatchItems.position));
}

export async function countsOf(executor: Executor, batchIds: readonly string[]) {
  const counts = new Map<string, BatchCounts>();
  for (const id of batchIds)
    counts.set(id, { pending: 0, running: 0, done: 0, failed: 0, cancelled: 0 });
  if (batchIds.length === 0) return counts;
  const rows = await executor
    .select({
      batchId: archiveBatchItems.batchId,
      status: archiveBatchItems.status,
      n: sql<number>`count(*)::int`,
    })
    .from(archiveBatchItems)
    .where(inArray(archiveBatchItems.batchId, [...batchIds]))
    .groupBy(archiveBatchItems.batchId, archiveBatchItems.status);
  for (const r of rows) {
    const c = counts.get(r.batchId);
    if (c && r.status in c) c[r.status as keyof BatchCounts] = r.n;
  }
  return counts;
}

/** The next item to work on, claimed (`running`, one more attempt), or undefined when none is left. */
export async function claimNextItem(
  tx: Executor,
  batchId: string,
): Promise<BatchItemRow | undefined> {
  const [next] = await tx
    .select()
    .from(archiveBatchItems)
    .where(and(eq(archiveBatchItems.batchId, batchId), eq(archiveBatchItems.status, 'pending')))
    .orderBy(asc(archiveBatchItems.position))
    .limit(1)
    .for('update', { skipLocked: true });
  if (!next) return undefined;
  const [claimed] = await tx
    .update(archiveBatchItems)
    .set({ status: 'running', attempts: sql`${archiveBatchItems.attempts} + 1`, error: null })
    .where(eq(archiveBatchItems.id, next.id))
    .returning();
  return claimed;
}

export async function finishItem(
  tx: Executor,
  itemId: string,
  outcome: { status: 'done'; imageIds: string[] } | { status: 'failed'; error: string },
) {
  await tx
    .update(archiveBatchItems)
    .set(
      outcome.status === 'done'
        ? { status: 'done', imageIds: outcome.imageIds, error: null }
        : { status: 'failed', error: outcome.error },
    )
    .where(eq(archiveBatchItems.id, itemId));
}

/** Items left over by a worker that died mid-item go back to pending (a job retry resumes them). */
export async function requeueRunning(tx: Executor, batchId: string) {
  await tx
    .update(archiveBatchItems)
    .set({ status: 'pending' })
    .where(and(eq(archiveBatchItems.batchId, batchId), eq(archiveBatchItems.status, 'running')));
}

export async function setItemsStatus(
  tx: Executor,
  batchId: string,
  from: ItemStatus,
  to: ItemStatus,
): Promise<number> {
  const rows = await tx
    .update(archiveBatchItems)
    .set({ status: to })
    .where(and(eq(archiveBatchItems.batchId, batchId), eq(archiveBatchItems.status, from)))
    .returning({ id: archiveBatchItems.id });
  return rows.length;
}

export async function setBatchStatus(
  tx: Executor,
  batchId: string,
  status: BatchRow['status'],
  completedAt: Date | null,
) {
  await tx
    .update(archiveBatches)
    .set({ status, completedAt })
    .where(eq(archiveBatches.id, batchId));
}
