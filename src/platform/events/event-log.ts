import type { Executor } from '../db/index.js';
import { toDomainEvent } from './dispatcher.js';
import { type EventFilter, findEventById, listEvents } from './outbox-repository.js';
import type { DomainEvent } from './types.js';

/** One event of the log, or null. */
export async function getEvent(executor: Executor, id: string): Promise<DomainEvent | null> {
  const row = await findEventById(executor, id);
  return row ? toDomainEvent(row) : null;
}

/** Events newest first, filtered; `before` is the cursor (an event id). */
export async function queryEvents(executor: Executor, filter: EventFilter): Promise<DomainEvent[]> {
  return (await listEvents(executor, filter)).map(toDomainEvent);
}

export type { EventFilter };
