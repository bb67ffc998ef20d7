import { and, eq, isNull } from 'drizzle-orm';
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
export async function softDeleteStoredFile(tx: Executor, id: string): Promise<boolean> {
  const rows = await tx
    .update(storedFiles)
    .set({ deletedAt: new Date() })
    .where(and(eq(storedFiles.id, id), isNull(storedFiles.deletedAt)))
    .returning({ id: storedFiles.id });
  return rows.length > 0;
}
