import { and, eq, inArray, isNotNull, isNull, lt } from 'drizzle-orm';
import type { Executor } from '../db/index.js';
import { type StoredFileRow, storedFiles } from './tables.js';

export async function insertStoredFile(
  tx: Executor,
  values: typeof storedFiles.$inferInsert,
): Promise<StoredFileRow> {
  const [row] = await tx.insert(storedFiles).values(values).returning();
  return row!;
}

/** A file that was not soft-deleted, or undefined. */
export async function findLiveStoredFile(
  executor: Executor,
  id: string,
): Promise<StoredFileRow | undefined> {
  const [row] = await executor
    .select()
    .from(storedFiles)
    .where(and(eq(storedFiles.id, id), isNull(storedFiles.deletedAt)))
    .limit(1);
  return row;
}

/** Marks a live file deleted; false when it was unknown or already deleted. */
export async function softDeleteStoredFile(tx: Executor, id: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(storedFiles)
    .set({ deletedAt: now })
    .where(and(eq(storedFiles.id, id), isNull(storedFiles.deletedAt)))
    .returning({ id: storedFiles.id });
  return rows.length > 0;
}

/** Marks live files deleted (e.g. those of a record that is going away); returns how many. */
export async function softDeleteStoredFiles(
  tx: Executor,
  ids: readonly string[],
  now: Date,
): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await tx
    .update(storedFiles)
    .set({ deletedAt: now })
    .where(and(inArray(storedFiles.id, [...ids]), isNull(storedFiles.deletedAt)))
    .returning({ id: storedFiles.id });
  return rows.length;
}

/** Up to `limit` files deleted before `cutoff`, oldest first. */
export async function findDeletedBefore(executor: Executor, cutoff: Date, limit: number) {
  return executor
    .select({ id: storedFiles.id, storageKey: storedFiles.storageKey })
    .from(storedFiles)
    .where(and(isNotNull(storedFiles.deletedAt), lt(storedFiles.deletedAt, cutoff)))
    .orderBy(storedFiles.deletedAt)
    .limit(limit);
}

export async function deleteStoredFileRows(executor: Executor, ids: readonly string[]) {
  if (ids.length === 0) return;
  await executor.delete(storedFiles).where(inArray(storedFiles.id, [...ids]));
}
