import {
  bigserial,
  boolean,
  customType,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/**
 * Statements as stored: the statement itself is the document (`statement`, with `stored` and
 * `authority` set by the LRS); the columns beside it are what queries filter on. `seq` orders
 * statements by `stored` and keeps paging stable.
 */
export const xapiStatements = pgTable(
  'xapi_statements',
  {
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    id: uuid('id').primaryKey(),
    /** The actor's IFI, `mbox:…`, `mbox_sha1sum:…`, `openid:…` or `account:<homePage>|<name>`. */
    actorIfi: text('actor_ifi'),
    verbId: text('verb_id').notNull(),
    /** The object's activity id, agent IFI or statement id, by `objectType`. */
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    registration: uuid('registration'),
    statement: jsonb('statement').$type<Record<string, unknown>>().notNull(),
    timestamp: timestamp('timestamp', { withTimezone: true, precision: 3 }).notNull(),
    stored: timestamp('stored', { withTimezone: true, precision: 3 }).notNull(),
    /** Set when a later statement voided this one; the voided statement stays, unqueried. */
    voided: boolean('voided').notNull().default(false),
    /** The id of the statement this one voids, when it is a voiding statement. */
    voidsId: uuid('voids_id'),
    authority: jsonb('authority').$type<Record<string, unknown>>().notNull(),
    /** The Lectern API key (and its owner) that stored it. */
    apiKeyId: uuid('api_key_id'),
    ownerId: uuid('owner_id'),
  },
  (t) => [
    index('xapi_statements_stored_idx').on(t.seq),
    index('xapi_statements_verb_idx').on(t.verbId, t.seq),
    index('xapi_statements_registration_idx').on(t.registration, t.seq),
  ],
);

/**
 * What a statement references, for the `agent`/`activity` filters and their `related_*` forms:
 * one row per (statement, role, key). `role` is `actor`, `object`, `context`, `sub` (inside a
 * SubStatement), `authority`, `team` or `instructor`; `direct` rows are those the plain filters use.
 */
export const xapiStatementRefs = pgTable(
  'xapi_statement_refs',
  {
    statementId: uuid('statement_id')
      .notNull()
      .references(() => xapiStatements.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    role: text('role').notNull(),
    ref: text('ref').notNull(),
    direct: boolean('direct').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.statementId, t.kind, t.role, t.ref] }),
    index('xapi_statement_refs_ref_idx').on(t.kind, t.ref),
  ],
);

const documentColumns = {
  contentType: text('content_type').notNull(),
  body: bytea('body').notNull(),
  etag: text('etag').notNull(),
  updated: timestamp('updated', { withTimezone: true, precision: 3 }).notNull(),
};

/** State documents: an activity's state for one agent (and registration), by `stateId`. */
export const xapiStateDocuments = pgTable(
  'xapi_state_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    activityId: text('activity_id').notNull(),
    agentIfi: text('agent_ifi').notNull(),
    /** '' when the document belongs to no registration. */
    registration: text('registration').notNull().default(''),
    stateId: text('state_id').notNull(),
    ...documentColumns,
  },
  (t) => [
    uniqueIndex('xapi_state_documents_key').on(t.activityId, t.agentIfi, t.registration, t.stateId),
  ],
);

/** Activity Profile documents, by activity and `profileId`. */
export const xapiActivityProfiles = pgTable(
  'xapi_activity_profiles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    activityId: text('activity_id').notNull(),
    profileId: text('profile_id').notNull(),
    ...documentColumns,
  },
  (t) => [uniqueIndex('xapi_activity_profiles_key').on(t.activityId, t.profileId)],
);

/** Agent Profile documents, by agent IFI and `profileId`. */
export const xapiAgentProfiles = pgTable(
  'xapi_agent_profiles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agentIfi: text('agent_ifi').notNull(),
    profileId: text('profile_id').notNull(),
    ...documentColumns,
  },
  (t) => [uniqueIndex('xapi_agent_profiles_key').on(t.agentIfi, t.profileId)],
);

/** The richest definition seen of each activity (merged from statements), for GET /activities. */
export const xapiActivities = pgTable('xapi_activities', {
  id: text('id').primaryKey(),
  definition: jsonb('definition').$type<Record<string, unknown>>(),
});
