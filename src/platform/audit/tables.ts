import { index, inet, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestampColumn } from '../db/columns.js';

export const auditLog = pgTable(
  'audit_log',
  {
    id: idColumn(),
    occurredAt: timestampColumn('occurred_at').notNull().defaultNow(),
    actorId: uuid('actor_id'),
    /** user, api_key or system. */
    actorType: text('actor_type').notNull(),
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id'),
    /** success or failure. */
    outcome: text('outcome').notNull().default('success'),
    ip: inet('ip'),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_log_occurred_idx').on(t.occurredAt, t.id),
    index('audit_log_actor_idx').on(t.actorId, t.occurredAt),
    index('audit_log_resource_idx').on(t.resourceType, t.resourceId),
    index('audit_log_action_idx').on(t.action, t.occurredAt),
  ],
);
