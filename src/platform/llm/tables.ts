import { boolean, index, integer, numeric, pgTable, text } from 'drizzle-orm/pg-core';
import { idColumn, timestampColumn } from '../db/columns.js';

/**
 * One row per generation asked of the LLM client, answered or not: what it cost and how it
 * went. `outcome` is `ok`, `cached`, or why the caller had to fall back (`disabled`,
 * `circuit_open`, `budget`, `timeout`, `error`, `invalid_answer`).
 */
export const llmUsage = pgTable(
  'llm_usage',
  {
    id: idColumn(),
    module: text('module').notNull(),
    purpose: text('purpose').notNull(),
    promptVersion: text('prompt_version').notNull(),
    model: text('model').notNull(),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    costUsd: numeric('cost_usd', { precision: 14, scale: 8, mode: 'number' }).notNull().default(0),
    latencyMs: integer('latency_ms').notNull(),
    cached: boolean('cached').notNull().default(false),
    fallback: boolean('fallback').notNull().default(false),
    outcome: text('outcome').notNull(),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    createdAt: timestampColumn('created_at').notNull().defaultNow(),
  },
  (t) => [index('llm_usage_created_idx').on(t.createdAt)],
);
