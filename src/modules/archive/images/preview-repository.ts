import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '#platform/db/index.js';
import { type StoredFileRow, storedFiles } from '#platform/storage/index.js';
import { archivePreviews } from '../tables.js';

/** The stored PNG of an image rendered with these parameters, if one was kept. */
export async function findPreview(
  executor: Executor,
  imageId: string,
  paramsKey: string,
): Promise<StoredFileRow | undefined> {
  const [row] = await executor
    .select({ file: storedFiles })
    .from(archivePreviews)
    .innerJoin(storedFiles, eq(storedFiles.id, archivePreviews.fileId))
    .where(
      and(
        eq(archivePreviews.imageId, imageId),
        eq(archivePreviews.paramsKey, paramsKey),
        isNull(storedFiles.deletedAt),
      ),
    );
  return row?.file;
}

/** Keeps a rendered preview; false when another process kept the same one first. */
export async function insertPreview(
  tx: Executor,
  row: { imageId: string; paramsKey: string; fileId: string; etag: string },
): Promise<boolean> {
  const kept = await tx
    .insert(archivePreviews)
    .values(row)
    .onConflictDoNothing()
    .returning({ fileId: archivePreviews.fileId });
  return kept.length > 0;
}
