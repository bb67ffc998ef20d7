import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/tables.js';
import { timestampColumn, timestamps } from '../db/columns.js';
import type { JobState } from './types.js';

/**
 * What the API shows about a job: who asked for it, its progress and its outcome. pg-boss keeps
 * the queue itself (schema `pgboss`); this row shares the pg-boss job's id, is written in the
 * same transaction, and outlives pg-boss's own archive until the nightly clean-up.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey(),
    queue: text('queue').notNull(),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    state: text('state').$type<JobState>().notNull().default('created'),
    progress: integer('progress').notNull().default(0),
    message: text('message'),
    result: jsonb('result'),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(1),
    startedAt: timestampColumn('started_at'),
    finishedAt: timestampColumn('finished_at'),
    ...timestamps(),
  },
  (t) => [
    index('jobs_owner_idx').on(t.ownerId, t.id),
    index('jobs_finished_idx').on(t.finishedAt),
    check('jobs_progress_range', sql`${t.progress} BETWEEN 0 AND 100`),
  ],
);

export type JobRow = typeof jobs.$inferSelect;
