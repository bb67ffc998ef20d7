import type { FastifyBaseLogger } from 'fastify';
import { type Clock, systemClock } from '../clock/index.js';
import type { Database, Executor } from '../db/index.js';
import type { FileStore, PutResult } from './file-store.js';
import * as repo from './repository.js';
import type { StoredFileRow } from './tables.js';

export interface RecordFileInput extends PutResult {
  ownerId: string | null;
  filename: string;
  contentType: string;
}

/**
 * Stored files: the bytes in a `FileStore`, their description in `stored_files`. Bytes are put
 * first, outside any transaction (uploads are slow); the row is written in the caller's
 * transaction, and a caller whose transaction fails calls `discard` for the bytes.
 */
export function createStorage(
  store: FileStore,
  log?: Pick<FastifyBaseLogger, 'warn'>,
  /** Dates deletions, which the nightly purge compares with its cutoff. */
  clock: Clock = systemClock,
) {
  return {
    store,

    /** Describes bytes already in the store, in the caller's transaction. */
    record(tx: Executor, input: RecordFileInput): Promise<StoredFileRow> {
      return repo.insertStoredFile(tx, {
        ownerId: input.ownerId,
        filename: input.filename,
        contentType: input.contentType,
        sizeBytes: input.sizeBytes,
        sha256: input.sha256,
        storageKey: input.storageKey,
      });
    },

    /** A live (not deleted) file's row, or undefined. */
    find(executor: Executor, id: string): Promise<StoredFileRow | undefined> {
      return repo.findLiveStoredFile(executor, id);
    },

    /**
     * Marks a file deleted in the caller's transaction: it is no longer served. The bytes stay
     * until a purge, so a rolled-back transaction loses nothing.
     */
    softDelete(tx: Executor, id: string): Promise<boolean> {
      return repo.softDeleteStoredFile(tx, id, clock.now());
    },

    /** Marks several files deleted in the caller's transaction (see `softDelete`). */
    softDeleteMany(tx: Executor, ids: readonly string[]): Promise<number> {
      return repo.softDeleteStoredFiles(tx, ids, clock.now());
    },

    /**
     * Removes for good the files deleted before `cutoff`: the bytes first, then the row, so a
     * crash between the two leaves a row that the next purge retries (removing absent bytes is
     * a no-op), never bytes that nothing describes. Returns how many files went.
     */
    async purgeDeleted(db: Database, cutoff: Date, batchSize = 500): Promise<number> {
      let purged = 0;
      for (;;) {
        const batch = await repo.findDeletedBefore(db, cutoff, batchSize);
        if (batch.length === 0) return purged;
        for (const file of batch) await store.remove(file.storageKey);
        await repo.deleteStoredFileRows(
          db,
          batch.map((file) => file.id),
        );
        purged += batch.length;
        if (batch.length < batchSize) return purged;
      }
    },

    /**
     * Removes bytes that never got their row. Never throws: it runs while another error is on
     * its way to the client, and a leftover file only costs disk space.
     */
    async discard(storageKey: string): Promise<void> {
      try {
        await store.remove(storageKey);
      } catch (err) {
        log?.warn({ err, storageKey }, 'could not remove the bytes of a failed upload');
      }
    },
  };
}

export type Storage = ReturnType<typeof createStorage>;
