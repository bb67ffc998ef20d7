import type { EventDispatcher } from '../events/index.js';
import type { Realtime } from './realtime.js';

export const REALTIME_CONSUMER = 'realtime';

/**
 * Publishes every committed domain event to its realtime topics. The dispatcher hands an event
 * to one process; the bus carries it to all of them. A failed publish fails the delivery, so
 * the dispatcher retries it; the hub drops the repeat by event id.
 */
export function forwardDomainEvents(
  dispatcher: Pick<EventDispatcher, 'subscribe'>,
  realtime: Pick<Realtime, 'publishEvent'>,
): void {
  dispatcher.subscribe('*', REALTIME_CONSUMER, (event) => realtime.publishEvent(event));
}
