import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgTable,
  real,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { idColumn, timestampColumn, timestamps } from '#platform/db/columns.js';
import { engagementLearners } from '../tables.js';

export const NUDGE_CHANNELS = ['in-app', 'email', 'webhook', 'sms', 'whatsapp'] as const;
export type NudgeChannel = (typeof NUDGE_CHANNELS)[number];
export const NUDGE_STATUSES = ['generated', 'queued', 'sent', 'failed'] as const;

/**
 * A versioned prompt template. `fallback_*` names are the templates used when the LLM is not
 * (one per learner situation); any other name is sent to the LLM. One active version per name.
 */
export const engagementPrompts = pgTable(
  'engagement_prompts',
  {
    id: idColumn(),
    name: text('name').notNull(),
    version: integer('version').notNull(),
    template: text('template').notNull(),
    system: text('system'),
    active: boolean('active').notNull().default(false),
    createdBy: uuid('created_by'),
    createdAt: timestampColumn('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('engagement_prompts_version_uq').on(t.name, t.version),
    uniqueIndex('engagement_prompts_active_uq').on(t.name).where(sql`${t.active}`),
  ],
);

export const engagementExperiments = pgTable(
  'engagement_experiments',
  {
    id: idColumn(),
    name: text('name').notNull(),
    status: text('status').notNull(),
    outcomeKind: text('outcome_kind').notNull(),
    withinDays: integer('within_days').notNull(),
    winner: text('winner'),
    createdBy: uuid('created_by'),
    stoppedAt: timestampColumn('stopped_at'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('engagement_experiments_name_uq').on(t.name)],
);

export const engagementExperimentVariants = pgTable(
  'engagement_experiment_variants',
  {
    experimentId: uuid('experiment_id')
      .notNull()
      .references(() => engagementExperiments.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    position: integer('position').notNull(),
    promptVersion: text('prompt_version'),
    channel: text('channel'),
    weight: real('weight').notNull(),
  },
  (t) => [uniqueIndex('engagement_experiment_variants_uq').on(t.experimentId, t.key)],
);

/** Every nudge: what was said, by which prompt version, through which channel, how it went. */
export const engagementNudges = pgTable(
  'engagement_nudges',
  {
    id: idColumn(),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => engagementLearners.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    type: text('type').notNull(),
    content: text('content').notNull(),
    gptFallback: boolean('gpt_fallback').notNull(),
    promptVersion: text('prompt_version').notNull(),
    /** Why the template was used (`disabled`, `circuit_open`, `timeout`, …); null from the LLM. */
    fallbackReason: text('fallback_reason'),
    experimentId: uuid('experiment_id').references(() => engagementExperiments.id, {
      onDelete: 'set null',
    }),
    variant: text('variant'),
    status: text('status').notNull(),
    failureReason: text('failure_reason'),
    createdBy: uuid('created_by'),
    sentAt: timestampColumn('sent_at'),
    ...timestamps(),
  },
  (t) => [
    index('engagement_nudges_learner_time_idx').on(t.learnerId, t.createdAt),
    index('engagement_nudges_experiment_idx').on(t.experimentId),
  ],
);
