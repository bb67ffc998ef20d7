import type { Executor } from '#platform/db/index.js';
import { AppError } from '#platform/errors/index.js';
import type { PutResult, Storage, StoredFileRow } from '#platform/storage/index.js';

interface Copied {
  source: StoredFileRow;
  bytes: PutResult;
}

/**
 * Copies of a course's stored files for its duplicate, so that the two never share a file: each
 * copy has its own bytes and row, and replacing, deleting or purging one course's files leaves
 * the other's alone. The bytes are copied before the transaction (that is slow) with `prepare`;
 * `record` writes the rows in it; `settle` removes the bytes no committed row describes.
 */
export function createFileCopies(storage: Storage) {
  const copied = new Map<string, Copied>();
  let recorded = new Set<string>();

  async function copyBytes(source: StoredFileRow): Promise<PutResult | undefined> {
    try {
      const bytes = await storage.store.open(source.storageKey);
      return await storage.store.put(bytes, {
        filename: source.filename,
        contentType: source.contentType,
        maxBytes: source.sizeBytes,
      });
    } catch (error) {
      // Bytes already gone (a file being purged): the copy simply goes without this file.
      if (error instanceof AppError && error.code === 'FILE_NOT_FOUND') return undefined;
      throw error;
    }
  }

  return {
    /** Copies the bytes of the live files among `ids` that were not copied yet. */
    async prepare(executor: Executor, ids: readonly string[]): Promise<void> {
      for (const id of new Set(ids)) {
        if (copied.has(id)) continue;
        const source = await storage.find(executor, id);
        if (!source) continue;
        const bytes = await copyBytes(source);
        if (bytes) copied.set(id, { source, bytes });
      }
    },

    /**
     * Describes the copies of `ids` in the transaction, owned by `ownerId`; returns the copy's
     * id for each source id (none for a file that is gone). A file the course gained since
     * `prepare` is copied now. Called once per attempt of the transaction.
     */
    async record(tx: Executor, ids: readonly string[], ownerId: string) {
      await this.prepare(tx, ids);
      recorded = new Set();
      const copyOf = new Map<string, string>();
      for (const id of new Set(ids)) {
        const copy = copied.get(id);
        if (!copy) continue;
        const row = await storage.record(tx, {
          ...copy.bytes,
          ownerId,
          filename: copy.source.filename,
          contentType: copy.source.contentType,
        });
        copyOf.set(id, row.id);
        recorded.add(id);
      }
      return copyOf;
    },

    /** Removes copied bytes that no row describes: all of them when the duplicate failed. */
    async settle(committed: boolean): Promise<void> {
      for (const [id, copy] of copied)
        if (!committed || !recorded.has(id)) await storage.discard(copy.bytes.storageKey);
    },
  };
}

export type FileCopies = ReturnType<typeof createFileCopies>;
