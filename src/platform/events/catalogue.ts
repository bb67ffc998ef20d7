import type { Static, TObject } from 'typebox';
import type { platformEvents } from './platform-events.js';

/** One domain event type: what it means, what it is about, and the schema of its `data`. */
export interface EventDefinition<S extends TObject = TObject> {
  description: string;
  subjectType: string;
  data: S;
}

/** The event types someone (the platform or one module) records, keyed by type. */
export type EventCatalogue = Readonly<Record<string, EventDefinition>>;

/** Declares a catalogue, keeping its types and schemas for `EventDataRegistry`. */
export const defineEvents = <const C extends EventCatalogue>(catalogue: C) => catalogue;

/** The `data` of each event type of a catalogue, as a module adds it to `EventDataRegistry`. */
export type EventDataOf<C extends EventCatalogue> = { [T in keyof C]: Static<C[T]['data']> };

/**
 * Every event type the service records, mapped to its `data`. Modules add theirs by augmenting
 * this interface (`declare module '#platform/events/catalogue.js'`), so `appendEvent` checks
 * both the type and the data against the catalogue.
 */
export interface EventDataRegistry extends EventDataOf<typeof platformEvents> {}

/** One entry of the published event catalogue (`GET /api/v1/events/types`). */
export interface EventTypeEntry {
  type: string;
  /** `platform` or the module that records it. */
  module: string;
  subjectType: string;
  description: string;
  dataSchema: TObject;
}

export type EventType = keyof EventDataRegistry & string;
export type EventData<T extends EventType> = EventDataRegistry[T];
