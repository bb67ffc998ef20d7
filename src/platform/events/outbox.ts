import { sql } from 'drizzle-orm';
import { type Executor, newId } from '../db/index.js';
import type { EventData, EventType } from './catalogue.js';
import { insertEvent, recordReceipt } from './outbox-repository.js';
import type { DomainEvent, NewEvent } from './types.js';

export const OUTBOX_CHANNEL = 'lectern_outbox';

/** An event of the catalogue: its `data` is checked against the type's schema at compile time. */
export type CataloguedEvent<T extends EventType> = Omit<NewEvent, 'type' | 'data'> & {
  type: T;
  data: EventData<T>;
};

/**
 * Appends an event to the outbox. Call it with the unit of work's transaction: the event then
 * exists if and only if the change it describes committed.
 */
export function appendEvent<T extends EventType>(
  tx: Executor,
  event: CataloguedEvent<T>,
): Promise<DomainEvent> {
  return appendUncheckedEvent(tx, event as NewEvent);
}

/**
 * `appendEvent` without the catalogue check, for tests of the outbox and of its consumers that
 * use made-up types and payloads. Not exported from the events index: services use `appendEvent`.
 */
export async function appendUncheckedEvent<D extends Record<string, unknown>>(
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
