import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  real,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ttTerms } from '#modules/timetabling/index.js';
import { users } from '#platform/auth/tables.js';
import { idColumn, timestampColumn, timestamps } from '#platform/db/columns.js';

export const ARENA_STATES = ['running', 'paused', 'stopped'] as const;

/** The arena: one row ('main') holding its state and the settings it was started with. */
export const arenaState = pgTable(
  'arena_state',
  {
    id: text('id').primaryKey(),
    state: text('state').notNull().default('stopped'),
    /** Null: the arena cycles through every preset. */
    preset: text('preset'),
    budgetSeconds: real('budget_seconds').notNull(),
    competitors: text('competitors').array().notNull(),
    seed: integer('seed').notNull(),
    workloadsDone: integer('workloads_done').notNull().default(0),
    currentWorkloadId: uuid('current_workload_id'),
    /** The job solving the current workload; null while no workload job is queued or running. */
    jobId: uuid('job_id'),
    startedBy: uuid('started_by').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [check('arena_state_state_check', sql`${t.state} IN ('running', 'paused', 'stopped')`)],
);

/** One generated workload (stored as a term) that every competitor solves. */
export const arenaWorkloads = pgTable(
  'arena_workloads',
  {
    id: idColumn(),
    position: integer('position').notNull(),
    preset: text('preset').notNull(),
    seed: integer('seed').notNull(),
    termId: uuid('term_id').references(() => ttTerms.id, { onDelete: 'set null' }),
    budgetSeconds: real('budget_seconds').notNull(),
    status: text('status').notNull().default('running'),
    /** The solver the learned selector chose for this workload (before it was solved). */
    selected: text('selected'),
    finishedAt: timestampColumn('finished_at'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('arena_workloads_position_idx').on(t.position),
    check('arena_workloads_status_check', sql`${t.status} IN ('running', 'completed')`),
  ],
);

/** A workload's features, one row each (the selector's training data). */
export const arenaWorkloadFeatures = pgTable(
  'arena_workload_features',
  {
    workloadId: uuid('workload_id')
      .notNull()
      .references(() => arenaWorkloads.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    value: real('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workloadId, t.name] })],
);

/** One competitor's result on one workload. */
export const arenaRuns = pgTable(
  'arena_runs',
  {
    id: idColumn(),
    workloadId: uuid('workload_id')
      .notNull()
      .references(() => arenaWorkloads.id, { onDelete: 'cascade' }),
    competitor: text('competitor').notNull(),
    /** The solver that produced the result (learned: the one it chose; oracle: the best one). */
    solver: text('solver').notNull(),
    hard: integer('hard').notNull(),
    soft: integer('soft').notNull(),
    /** Milliseconds to the first timetable without hard violations; null if none was found. */
    timeToFeasibleMs: real('time_to_feasible_ms'),
    elapsedMs: real('elapsed_ms').notNull(),
    cpuSeconds: real('cpu_seconds').notNull(),
    iterations: integer('iterations').notNull(),
    evaluationsPerSecond: real('evaluations_per_second').notNull(),
    /** Normalised gap to the best of the workload (0 best … 1 worst or infeasible). */
    gap: real('gap'),
    rank: integer('rank'),
    ...timestamps(),
  },
  (t) => [
    index('arena_runs_workload_idx').on(t.workloadId),
    uniqueIndex('arena_runs_workload_competitor_idx').on(t.workloadId, t.competitor),
  ],
);

export type ArenaStateRow = typeof arenaState.$inferSelect;
export type ArenaWorkloadRow = typeof arenaWorkloads.$inferSelect;
export type ArenaRunRow = typeof arenaRuns.$inferSelect;
