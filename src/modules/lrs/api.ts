import type { DomainEvent, EventData, EventDispatcher } from '#platform/events/index.js';

export type StatementsStored = DomainEvent<EventData<'xapi.statements.stored'>>;
export type StatementsVoided = DomainEvent<EventData<'xapi.statements.voided'>>;

/** What other modules may ask of the LRS: subscriptions to what it stores and voids. */
export const lrsApi = {
  /** Calls `handler` at least once per request that stored statements (de-duplicate by event id). */
  onStatementsStored(
    events: EventDispatcher,
    consumer: string,
    handler: (event: StatementsStored) => Promise<void>,
  ): void {
    events.subscribe('xapi.statements.stored', consumer, (event) =>
      handler(event as StatementsStored),
    );
  },
  /** Calls `handler` at least once per request whose voiding statements voided stored ones. */
  onStatementsVoided(
    events: EventDispatcher,
    consumer: string,
    handler: (event: StatementsVoided) => Promise<void>,
  ): void {
    events.subscribe('xapi.statements.voided', consumer, (event) =>
      handler(event as StatementsVoided),
    );
  },
};

export type LrsApi = typeof lrsApi;
