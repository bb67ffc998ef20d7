import type { DomainEvent } from '../events/index.js';

/** What a subscriber receives in `event`: a domain event, or a transient one such as job progress. */
export type RealtimeEvent = DomainEvent;

/** One event on its way to every process: the topics it goes to, most specific first. */
export interface RealtimeMessage {
  topics: string[];
  event: RealtimeEvent;
  /**
   * `outbox`: the event is stored in the outbox, so a process may load it by id (used when it is
   * too large for a NOTIFY). `transient`: it exists only in this message.
   */
  source: 'outbox' | 'transient';
}

/** Carries realtime messages to every process, this one included. */
export interface RealtimeBus {
  readonly kind: 'redis' | 'postgres';
  publish(message: RealtimeMessage): Promise<void>;
  /** Starts receiving; resolves once messages published from now on will arrive. */
  start(onMessage: (message: RealtimeMessage) => void): Promise<void>;
  stop(): Promise<void>;
}
