import {
  and,
  desc,
  eq,
  getTableColumns,
  inArray,
  lt,
  notExists,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Executor } from '../db/index.js';
import { bossJobs } from './boss-schema.js';
import { jobs } from './tables.js';
import { FINISHED_STATES, type JobState } from './types.js';

/** A job record as reads return it: `state` is pg-boss's live state while the job is queued. */
export type JobRecord = typeof jobs.$inferSelect & { state: JobState };

const UNFINISHED: JobState[] = ['created', 'retry', 'active'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A record not yet finished may lag behind pg-boss (a run expired by its supervisor after a
// crash): the queue's own state wins until our record says the job finished.
const liveState = sql<JobState>`CASE WHEN ${jobs.state} IN ('completed','failed','cancelled')
  THEN ${jobs.state} ELSE COALESCE(${bossJobs.state}::text, ${jobs.state}) END`;

function selectRecords(executor: Executor) {
  const { state: _recorded, ...columns } = getTableColumns(jobs);
  return executor
    .select({ ...columns, state: liveState })
    .from(jobs)
    .leftJoin(bossJobs, and(eq(bossJobs.name, jobs.queue), eq(bossJobs.id, jobs.id)));
}

export async function insertRecord(executor: Executor, row: typeof jobs.$inferInsert) {
  await executor.insert(jobs).values(row);
}

export async function findRecord(executor: Executor, id: string): Promise<JobRecord | null> {
  const [row] = await selectRecords(executor).where(eq(jobs.id, id));
  return (row as JobRecord | undefined) ?? null;
}

export interface RecordFilter {
  ownerId?: string;
  queue?: string;
  state?: JobState;
  /** Only jobs with a smaller id (ids are time-ordered: older jobs). */
  before?: string;
  limit: number;
}

/** Newest first. */
export async function listRecords(executor: Executor, filter: RecordFilter): Promise<JobRecord[]> {
  const conditions: SQL[] = [];
  if (filter.ownerId) conditions.push(eq(jobs.ownerId, filter.ownerId));
  if (filter.queue) conditions.push(eq(jobs.queue, filter.queue));
  if (filter.state) conditions.push(sql`${liveState} = ${filter.state}`);
  if (filter.before) conditions.push(lt(jobs.id, filter.before));
  const rows = await selectRecords(executor)
    .where(and(...conditions))
    .orderBy(desc(jobs.id))
    .limit(filter.limit);
  return rows as JobRecord[];
}

// The run's dates below are the queue's own timing, read beside pg-boss's rows by the worker
// running the job: the real clock, not the injected one services date their writes with.

/**
 * Marks a run as started (creating the record of a job enqueued by pg-boss itself, e.g. by
 * cron). Returns false when the job was cancelled meanwhile.
 */
export async function markStarted(
  executor: Executor,
  job: { id: string; queue: string; attempt: number; maxAttempts: number },
): Promise<boolean> {
  const rows = await executor
    .insert(jobs)
    .values({
      id: job.id,
      queue: job.queue,
      state: 'active',
      attempts: job.attempt,
      maxAttempts: job.maxAttempts,
      startedAt: new Date(),
    })
    .onConflictDoUpdate({
      target: jobs.id,
      set: {
        state: 'active',
        attempts: job.attempt,
        maxAttempts: job.maxAttempts,
        startedAt: sql`COALESCE(${jobs.startedAt}, now())`,
        updatedAt: new Date(),
      },
      setWhere: inArray(jobs.state, UNFINISHED),
    })
    .returning({ id: jobs.id });
  return rows.length === 1;
}

/** Returns the owner when the record was still active (so the report counts), else undefined. */
export async function saveProgress(
  executor: Executor,
  id: string,
  progress: number,
  message: string | null,
): Promise<{ ownerId: string | null } | undefined> {
  const [row] = await executor
    .update(jobs)
    .set({ progress, message, updatedAt: new Date() })
    .where(and(eq(jobs.id, id), eq(jobs.state, 'active')))
    .returning({ ownerId: jobs.ownerId });
  return row;
}

export async function markCompleted(executor: Executor, id: string, result: unknown) {
  await executor
    .update(jobs)
    .set({
      state: 'completed',
      progress: 100,
      result: result ?? null,
      error: null,
      finishedAt: new Date(),
      updatedAt: new Date(),
    })
    .where(and(eq(jobs.id, id), eq(jobs.state, 'active')));
}

export async function markFailed(executor: Executor, id: string, error: string, retry: boolean) {
  await executor
    .update(jobs)
    .set({
      state: retry ? 'retry' : 'failed',
      error,
      finishedAt: retry ? null : new Date(),
      updatedAt: new Date(),
    })
    .where(and(eq(jobs.id, id), eq(jobs.state, 'active')));
}

/** Returns the queue of the job when it was unfinished and is now cancelled. */
export async function markCancelled(executor: Executor, id: string): Promise<string | null> {
  const [row] = await executor
    .update(jobs)
    .set({ state: 'cancelled', finishedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(jobs.id, id), inArray(jobs.state, UNFINISHED)))
    .returning({ queue: jobs.queue });
  return row?.queue ?? null;
}

/**
 * The event ids named (`data.eventId`) by jobs still queued, running or waiting to retry, such
 * as webhook deliveries: each run reads its event from the log, so those events must stay.
 */
export async function eventIdsOfUnfinishedJobs(executor: Executor): Promise<string[]> {
  const eventId = sql<string>`${bossJobs.data}->>'eventId'`;
  const rows = await executor
    .selectDistinct({ eventId })
    .from(bossJobs)
    .where(and(inArray(bossJobs.state, UNFINISHED), sql`${eventId} IS NOT NULL`));
  return rows.map((r) => r.eventId).filter((id) => UUID.test(id));
}

/**
 * Deletes records of jobs that finished before `cutoff`, and of jobs created before it that
 * pg-boss no longer holds although the record never saw them finish (a process died mid-run and
 * pg-boss failed and archived the job). Returns how many.
 */
export async function deleteFinishedBefore(executor: Executor, cutoff: Date): Promise<number> {
  const rows = await executor
    .delete(jobs)
    .where(
      or(
        and(inArray(jobs.state, [...FINISHED_STATES]), lt(jobs.finishedAt, cutoff)),
        and(
          inArray(jobs.state, UNFINISHED),
          lt(jobs.createdAt, cutoff),
          notExists(
            executor
              .select({ one: sql`1` })
              .from(bossJobs)
              .where(and(eq(bossJobs.name, jobs.queue), eq(bossJobs.id, jobs.id))),
          ),
        ),
      ),
    )
    .returning({ id: jobs.id });
  return rows.length;
}
