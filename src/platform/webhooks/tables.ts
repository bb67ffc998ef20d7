import { boolean, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { authorship, idColumn, timestampColumn, timestamps } from '../db/columns.js';
import type { DeliveryStatus } from './delivery-status.js';

export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: idColumn(),
    url: text('url').notNull(),
    description: text('description'),
    /** The signing secret, AES-256-GCM encrypted (it must be readable to sign deliveries). */
    secretCiphertext: text('secret_ciphertext').notNull(),
    active: boolean('active').notNull().default(true),
    disabledAt: timestampColumn('disabled_at'),
    disabledReason: text('disabled_reason'),
    ...timestamps(),
    ...authorship(),
  },
  (t) => [index('webhook_endpoints_active_idx').on(t.active)],
);

/** The event types an endpoint receives (`*` and `prefix.*` patterns allowed). */
export const webhookEndpointEvents = pgTable(
  'webhook_endpoint_events',
  {
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventType: text('event_type').notNull(),
  },
  (t) => [primaryKey({ columns: [t.endpointId, t.eventType] })],
);

/** One row per attempt to deliver one event to one endpoint. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: idColumn(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    attempt: integer('attempt').notNull(),
    status: text('status').$type<DeliveryStatus>().notNull(),
    statusCode: integer('status_code'),
    durationMs: integer('duration_ms'),
    error: text('error'),
    /** Set on redeliveries: the delivery this one repeats. */
    redeliveryOf: uuid('redelivery_of'),
    createdAt: timestampColumn('created_at').notNull().defaultNow(),
    completedAt: timestampColumn('completed_at'),
  },
  (t) => [
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.id),
    index('webhook_deliveries_event_idx').on(t.eventId),
  ],
);
