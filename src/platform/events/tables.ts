import { index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { timestampColumn } from '../db/columns.js';

/**
 * The transactional outbox and event log: services append here inside their unit of work, the
 * dispatcher delivers each row at least once, then stamps `dispatched_at`.
 */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: uuid('id').primaryKey(),
    type: text('type').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    actorId: uuid('actor_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    occurredAt: timestampColumn('occurred_at').notNull().defaultNow(),
    dispatchedAt: timestampColumn('dispatched_at'),
    /** A dispatcher's claim on the row; another may take it once this has passed. */
    lockedUntil: timestampColumn('locked_until'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [
    index('outbox_events_pending_idx').on(t.dispatchedAt, t.id),
    index('outbox_events_type_idx').on(t.type, t.occurredAt),
    index('outbox_events_subject_idx').on(t.subjectType, t.subjectId),
  ],
);

/** Which consumer has handled which event, so at-least-once delivery is processed once. */
export const eventReceipts = pgTable(
  'event_receipts',
  {
    consumer: text('consumer').notNull(),
    eventId: uuid('event_id').notNull(),
    processedAt: timestampColumn('processed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.consumer, t.eventId] })],
);
