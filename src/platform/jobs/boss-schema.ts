import { jsonb, pgSchema, text, uuid } from 'drizzle-orm/pg-core';

/**
 * The part of pg-boss's own table that reads join on: the live state of a job still in the
 * queue. Not in a `tables.ts` on purpose: pg-boss creates and migrates its schema, not we.
 */
export const PGBOSS_SCHEMA = 'pgboss';

export const bossJobs = pgSchema(PGBOSS_SCHEMA).table('job', {
  id: uuid('id').notNull(),
  name: text('name').notNull(),
  state: text('state').notNull(),
  data: jsonb('data'),
});
