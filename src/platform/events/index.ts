export { createEventDispatcher, type EventDispatcher, matchesPattern } from './dispatcher.js';
export { appendEvent, processOnce } from './outbox.js';
export type { DomainEvent, EventHandler, NewEvent } from './types.js';
