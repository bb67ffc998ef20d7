import {
  and,
  desc,
  eq,
  gte,
  inArray,
  lt,
  lte,
  notExists,
  notInArray,
  type SQL,
  sql,
} from 'drizzle-orm';
import { type Executor, rowsOf } from '../db/index.js';
import { eventReceipts, outboxEvents } from './tables.js';

export type OutboxRow = typeof outboxEvents.$inferSelect;

export async function insertEvent(executor: Executor, row: typeof outboxEvents.$inferInsert) {
  const [inserted] = await executor.insert(outboxEvents).values(row).returning();
  return inserted!;
}

/**
 * Claims up to `limit` undelivered events for `leaseMs`, oldest first. SKIP LOCKED lets several
 * dispatchers (processes) claim disjoint batches; a crashed dispatcher's lease simply expires.
 */
export async function claimPending(
  executor: Executor,
  limit: number,
  leaseMs: number,
): Promise<OutboxRow[]> {
  const result = await executor.execute(sql`
    UPDATE outbox_events SET locked_until = now() + ${`${leaseMs} milliseconds`}::interval,
      attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM outbox_events
      WHERE dispatched_at IS NULL AND (locked_until IS NULL OR locked_until < now())
      ORDER BY id LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, type, subject_type, subject_id, actor_id, data, occurred_at, attempts`);
  return rowsOf<Record<string, unknown>>(result)
    .map((r) => ({
      id: r.id as string,
      type: r.type as string,
      subjectType: r.subject_type as string,
      subjectId: r.subject_id as string,
      actorId: (r.actor_id as string | null) ?? null,
      data: r.data as Record<string, unknown>,
      occurredAt: new Date(r.occurred_at as string),
      dispatchedAt: null,
      lockedUntil: null,
      attempts: r.attempts as number,
      lastError: null,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

export async function markDispatched(executor: Executor, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await executor
    .update(outboxEvents)
    .set({ dispatchedAt: new Date(), lockedUntil: null, lastError: null })
    .where(inArray(outboxEvents.id, ids));
}

/** Leaves the event pending; it is retried once `retryAt` has passed. */
export async function markFailed(executor: Executor, id: string, error: string, retryAt: Date) {
  await executor
    .update(outboxEvents)
    .set({ lastError: error.slice(0, 2000), lockedUntil: retryAt })
    .where(eq(outboxEvents.id, id));
}

export interface EventFilter {
  type?: string;
  subjectType?: string;
  subjectId?: string;
  from?: Date;
  to?: Date;
  /** Return events strictly older than this id (cursor). */
  before?: string;
  limit: number;
}

export async function listEvents(executor: Executor, filter: EventFilter): Promise<OutboxRow[]> {
  const where: SQL[] = [];
  if (filter.type) where.push(eq(outboxEvents.type, filter.type));
  if (filter.subjectType) where.push(eq(outboxEvents.subjectType, filter.subjectType));
  if (filter.subjectId) where.push(eq(outboxEvents.subjectId, filter.subjectId));
  if (filter.from) where.push(gte(outboxEvents.occurredAt, filter.from));
  if (filter.to) where.push(lte(outboxEvents.occurredAt, filter.to));
  if (filter.before) where.push(lt(outboxEvents.id, filter.before));
  return executor
    .select()
    .from(outboxEvents)
    .where(and(...where))
    .orderBy(desc(outboxEvents.id))
    .limit(filter.limit);
}

/** Records that `consumer` handled `eventId`; false when it already had. */
export async function recordReceipt(
  executor: Executor,
  consumer: string,
  eventId: string,
): Promise<boolean> {
  const inserted = await executor
    .insert(eventReceipts)
    .values({ consumer, eventId })
    .onConflictDoNothing()
    .returning({ eventId: eventReceipts.eventId });
  return inserted.length > 0;
}

/**
 * Deletes the events dispatched before `cutoff`, except those in `keep`, and the receipts of
 * events no longer in the log (nothing can redeliver them). Undispatched events always stay.
 */
export async function pruneDispatchedBefore(
  executor: Executor,
  cutoff: Date,
  keep: string[],
): Promise<{ events: number; receipts: number }> {
  const events = await executor
    .delete(outboxEvents)
    .where(and(lt(outboxEvents.dispatchedAt, cutoff), notInArray(outboxEvents.id, keep)))
    .returning({ id: outboxEvents.id });
  const receipts = await executor
    .delete(eventReceipts)
    .where(
      notExists(
        executor
          .select({ one: sql`1` })
          .from(outboxEvents)
          .where(eq(outboxEvents.id, eventReceipts.eventId)),
      ),
    )
    .returning({ eventId: eventReceipts.eventId });
  return { events: events.length, receipts: receipts.length };
}

export async function findEventById(executor: Executor, id: string): Promise<OutboxRow | null> {
  const [row] = await executor.select().from(outboxEvents).where(eq(outboxEvents.id, id));
  return row ?? null;
}
