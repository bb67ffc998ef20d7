import type { FastifyBaseLogger } from 'fastify';
import type { Executor } from '../db/index.js';
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
export function createStorage(store: FileStore, log?: Pick<FastifyBaseLogger, 'warn'>) {
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
      return repo.softDeleteStoredFile(tx, id);
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
