export { createEventDispatcher, type EventDispatcher, matchesPattern } from './dispatcher.js';
export { type EventFilter, getEvent, queryEvents } from './event-log.js';
export { appendEvent, processOnce } from './outbox.js';
export { eventsPlatform } from './plugin.js';
export type { DomainEvent, EventHandler, NewEvent } from './types.js';
