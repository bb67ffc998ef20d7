import type { Logger } from 'pino';
import { newId } from '../db/index.js';
import type { DomainEvent } from '../events/index.js';
import { createHub, type Hub } from './hub.js';
import { CLOSE } from './protocol.js';
import { createReplayBuffer } from './replay-buffer.js';
import { newStats, type RealtimeStats } from './stats.js';
import { createTopicRegistry, type TopicRegistry, topicsForEvent } from './topics.js';
import type { RealtimeBus, RealtimeEvent } from './types.js';

export interface RealtimeOptions {
  bus: RealtimeBus;
  log: Pick<Logger, 'debug' | 'info' | 'warn'>;
  /** Events kept for `resume`. */
  replayBufferSize: number;
  /** Unsent bytes a socket may hold before it is closed with 1013. */
  maxBufferedBytes: number;
}

/** A transient event to publish: id and time are filled in. */
export type TransientEvent = Omit<RealtimeEvent, 'id' | 'occurredAt'> &
  Partial<Pick<RealtimeEvent, 'id' | 'occurredAt'>>;

export interface Realtime {
  /** Where modules declare their topics and who may follow them. */
  readonly topics: TopicRegistry;
  readonly stats: RealtimeStats;
  readonly hub: Hub;
  readonly busKind: RealtimeBus['kind'];
  /** Sends a committed domain event to `<type>s:<id>`, `<type>s` and `events:*` on every process. */
  publishEvent(event: DomainEvent): Promise<void>;
  /** Sends an event that is not in the outbox (e.g. job progress) to `topics` on every process. */
  publish(topics: string[], event: TransientEvent): Promise<RealtimeEvent>;
  start(): Promise<void>;
  /** Closes every socket with 1001 (clients reconnect elsewhere and `resume`), then stops the bus. */
  stop(graceMs?: number): Promise<void>;
}

/** The realtime service of one process: a hub of sockets fed by a bus shared by all processes. */
export function createRealtime({
  bus,
  log,
  replayBufferSize,
  maxBufferedBytes,
}: RealtimeOptions): Realtime {
  const stats = newStats();
  const topics = createTopicRegistry();
  const hub = createHub({
    replay: createReplayBuffer(replayBufferSize),
    maxBufferedBytes,
    stats,
    log,
  });

  async function closeSockets(graceMs: number): Promise<void> {
    const open = [...hub.clients()];
    if (open.length === 0) return;
    const closed = open.map(
      (client) =>
        new Promise<void>((resolve) => {
          if (client.socket.readyState === client.socket.CLOSED) return resolve();
          client.socket.once('close', () => resolve());
        }),
    );
    for (const client of open) {
      client.closing = true;
      client.socket.close(CLOSE.goingAway, 'server shutting down');
    }
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), graceMs);
    });
    // A peer that does not answer the close frame in time is cut off: shutdown must not hang.
    if ((await Promise.race([Promise.all(closed), deadline])) === 'late')
      for (const client of open) client.socket.terminate();
    clearTimeout(timer);
  }

  return {
    topics,
    stats,
    hub,
    busKind: bus.kind,
    async publishEvent(event) {
      await bus.publish({ topics: topicsForEvent(event), event, source: 'outbox' });
      stats.eventsPublished++;
    },
    async publish(eventTopics, input) {
      const event: RealtimeEvent = {
        ...input,
        id: input.id ?? newId(),
        occurredAt: input.occurredAt ?? new Date().toISOString(),
      };
      await bus.publish({ topics: eventTopics, event, source: 'transient' });
      stats.eventsPublished++;
      return event;
    },
    start: () => bus.start((message) => hub.deliver(message)),
    async stop(graceMs = 1000) {
      await closeSockets(graceMs);
      await bus.stop();
    },
  };
}
