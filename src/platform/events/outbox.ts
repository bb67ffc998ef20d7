import { sql } from 'drizzle-orm';
import { type Executor, newId } from '../db/index.js';
import { insertEvent, recordReceipt } from './outbox-repository.js';
import type { DomainEvent, NewEvent } from './types.js';

export const OUTBOX_CHANNEL = 'lectern_outbox';

/**
 * Appends an event to the outbox. Call it with the unit of work's transaction: the event then
 * exists if and only if the change it describes committed.
 */
export async function appendEvent<D extends Record<string, unknown>>(
  tx: Executor,
  event: NewEvent<D>,
): Promise<DomainEvent<D>> {
  const row = await insertEvent(tx, {
    id: newId(),
    type: event.type,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    actorId: event.actorId,
    data: event.data,
  });
  // Delivered at commit (never on rollback): wakes the dispatchers of every process.
  await tx.execute(sql`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`);
  return {
    id: row.id,
    type: row.type,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    actorId: row.actorId,
    data: row.data as D,
    occurredAt: row.occurredAt.toISOString(),
  };
}

/**
 * Runs `work` for an event only if `consumer` has not processed it yet, recording the receipt in
 * the same transaction, so a redelivered event changes nothing twice.
 */
export async function processOnce(
  tx: Executor,
  consumer: string,
  eventId: string,
  work: () => Promise<void>,
): Promise<boolean> {
  if (!(await recordReceipt(tx, consumer, eventId))) return false;
  await work();
  return true;
}
