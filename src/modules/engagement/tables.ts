import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '#platform/auth/tables.js';
import { idColumn, timestampColumn, timestamps } from '#platform/db/columns.js';

export const ACTIVITY_SOURCES = ['catalog', 'xapi', 'oulad', 'manual'] as const;
export const CHANNELS = ['email', 'sms', 'whatsapp', 'push'] as const;

/**
 * A learner as engagement knows them: a Lectern user with the learner role, or someone imported
 * from another system (external id and source) with no login. The phone is sealed at rest.
 */
export const engagementLearners = pgTable(
  'engagement_learners',
  {
    id: idColumn(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    externalSource: text('external_source'),
    externalId: text('external_id'),
    displayName: text('display_name'),
    email: text('email'),
    program: text('program'),
    cohort: text('cohort'),
    phoneSealed: text('phone_sealed'),
    preferredChannel: text('preferred_channel'),
    gender: text('gender'),
    ageBand: text('age_band'),
    disability: boolean('disability'),
    completedPercent: real('completed_percent'),
    avgQuizScore: real('avg_quiz_score'),
    consecutiveMissedSessions: integer('consecutive_missed_sessions'),
    lastLoginAt: timestampColumn('last_login_at'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('engagement_learners_user_uq').on(t.userId),
    uniqueIndex('engagement_learners_external_uq').on(t.externalSource, t.externalId),
    index('engagement_learners_cohort_idx').on(t.cohort),
  ],
);

/** A course or presentation engagement scores: a catalog course, an OULAD presentation, or both. */
export const engagementCourses = pgTable(
  'engagement_courses',
  {
    id: idColumn(),
    catalogCourseId: uuid('catalog_course_id'),
    externalSource: text('external_source'),
    /** OULAD: `code_module` and `code_presentation`. */
    moduleCode: text('module_code'),
    presentationCode: text('presentation_code'),
    title: text('title').notNull(),
    startDate: date('start_date', { mode: 'string' }),
    lengthDays: integer('length_days'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('engagement_courses_catalog_uq').on(t.catalogCourseId),
    uniqueIndex('engagement_courses_presentation_uq').on(
      t.externalSource,
      t.moduleCode,
      t.presentationCode,
    ),
  ],
);

export const engagementRegistrations = pgTable(
  'engagement_registrations',
  {
    id: idColumn(),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => engagementLearners.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id')
      .notNull()
      .references(() => engagementCourses.id, { onDelete: 'cascade' }),
    registeredAt: timestampColumn('registered_at'),
    unregisteredAt: timestampColumn('unregistered_at'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('engagement_registrations_uq').on(t.learnerId, t.courseId),
    index('engagement_registrations_course_idx').on(t.courseId),
  ],
);

/** Everything a learner did, from every source; `source_id` is unique within its source. */
export const engagementActivity = pgTable(
  'engagement_activity',
  {
    id: idColumn(),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => engagementLearners.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id').references(() => engagementCourses.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    occurredAt: timestampColumn('occurred_at').notNull(),
    score: real('score'),
    source: text('source').notNull(),
    sourceId: text('source_id').notNull(),
    voidedAt: timestampColumn('voided_at'),
    details: jsonb('details'),
    createdAt: timestampColumn('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('engagement_activity_source_uq').on(t.source, t.sourceId),
    index('engagement_activity_learner_time_idx').on(t.learnerId, t.occurredAt),
    index('engagement_activity_course_time_idx').on(t.courseId, t.occurredAt),
  ],
);

/** How a learner's course ended (OULAD `final_result`: Pass, Distinction, Fail, Withdrawn). */
export const engagementOutcomes = pgTable(
  'engagement_outcomes',
  {
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => engagementLearners.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id')
      .notNull()
      .references(() => engagementCourses.id, { onDelete: 'cascade' }),
    result: text('result').notNull(),
    decidedAt: timestampColumn('decided_at'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('engagement_outcomes_uq').on(t.learnerId, t.courseId)],
);

export const engagementModels = pgTable(
  'engagement_models',
  {
    id: idColumn(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    active: boolean('active').notNull().default(false),
    createdBy: uuid('created_by'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('engagement_models_name_uq').on(t.name),
    uniqueIndex('engagement_models_one_active_uq').on(t.active).where(sql`${t.active}`),
  ],
);

export const engagementModelVersions = pgTable(
  'engagement_model_versions',
  {
    id: idColumn(),
    modelId: uuid('model_id')
      .notNull()
      .references(() => engagementModels.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    status: text('status').notNull(),
    predictAt: real('predict_at'),
    trainOn: jsonb('train_on'),
    /** The fitted parameters (weights, standardization, calibration), as the engine reads them. */
    parameters: jsonb('parameters'),
    /** AUC, Brier, ECE, calibration bins, per group. */
    evaluation: jsonb('evaluation'),
    error: text('error'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('engagement_model_versions_uq').on(t.modelId, t.version)],
);

export const engagementRiskSnapshots = pgTable(
  'engagement_risk_snapshots',
  {
    id: idColumn(),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => engagementLearners.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id').references(() => engagementCourses.id, { onDelete: 'cascade' }),
    model: text('model').notNull(),
    modelVersionId: uuid('model_version_id'),
    score: real('score').notNull(),
    label: text('label').notNull(),
    factors: jsonb('factors').notNull(),
    asOf: timestampColumn('as_of').notNull(),
    createdAt: timestampColumn('created_at').notNull().defaultNow(),
  },
  (t) => [index('engagement_risk_snapshots_learner_idx').on(t.learnerId, t.asOf)],
);
