import { bigint, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/tables.js';
import { idColumn, timestampColumn } from '../db/columns.js';

/**
 * A file kept by the platform's storage (a directory under `DATA_DIR` by default). The bytes
 * live at `storage_key` in the store; this row says what they are and who put them there.
 */
export const storedFiles = pgTable(
  'stored_files',
  {
    id: idColumn(),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull().unique(),
    /** Set when nothing refers to the file any more; the bytes are purged later. */
    deletedAt: timestampColumn('deleted_at'),
    createdAt: timestampColumn('created_at').notNull().defaultNow(),
  },
  (t) => [index('stored_files_owner_idx').on(t.ownerId, t.id)],
);

export type StoredFileRow = typeof storedFiles.$inferSelect;
