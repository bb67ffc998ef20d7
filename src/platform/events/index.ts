export {
  defineEvents,
  type EventCatalogue,
  type EventData,
  type EventDataOf,
  type EventDataRegistry,
  type EventDefinition,
  type EventType,
  type EventTypeEntry,
} from './catalogue.js';
export { createEventDispatcher, type EventDispatcher, matchesPattern } from './dispatcher.js';
export { type EventFilter, getEvent, queryEvents } from './event-log.js';
export { appendEvent, type CataloguedEvent, processOnce } from './outbox.js';
export { platformEvents } from './platform-events.js';
export { eventsPlatform } from './plugin.js';
export type { DomainEvent, EventHandler, NewEvent } from './types.js';
