import { index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { timestampColumn } from '../db/columns.js';

/** Responses to POSTs sent with an `Idempotency-Key`, replayed for 24 h. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** Whose key it is (user id, api key id or client IP), so keys never collide across callers. */
    principal: text('principal').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    responseBody: jsonb('response_body'),
    responseHeaders: jsonb('response_headers').$type<Record<string, string>>(),
    createdAt: timestampColumn('created_at').notNull().defaultNow(),
    expiresAt: timestampColumn('expires_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.principal, t.key] }),
    index('idempotency_expires_idx').on(t.expiresAt),
  ],
);
