import type { Logger } from 'pino';
import type { DatabaseHandle } from '../db/index.js';
import { decodeMessage, encodeMessage, NOTIFY_PAYLOAD_LIMIT } from './bus-encoding.js';
import type { RealtimeBus, RealtimeEvent, RealtimeMessage } from './types.js';

export const REALTIME_CHANNEL = 'lectern_realtime';

export interface PostgresBusOptions {
  database: Pick<DatabaseHandle, 'listen' | 'notify'>;
  /** Loads an outbox event that was too large for a NOTIFY and travelled as its id. */
  loadEvent(id: string): Promise<RealtimeEvent | null>;
  log: Pick<Logger, 'warn'>;
}

/**
 * Fan-out over LISTEN/NOTIFY on the application's database, for deployments without Redis. On
 * PGlite it stays within the process, which is all an embedded database can serve anyway.
 */
export function createPostgresBus({ database, loadEvent, log }: PostgresBusOptions): RealtimeBus {
  let unlisten: (() => Promise<void>) | null = null;
  // Messages are handed on in arrival order, even when one of them has to be loaded first.
  let tail: Promise<void> = Promise.resolve();

  async function resolve(payload: string): Promise<RealtimeMessage | null> {
    const decoded = decodeMessage(payload);
    if (decoded.kind === 'message') return decoded.message;
    if (decoded.kind === 'ref') {
      const event = await loadEvent(decoded.id);
      if (event) return { topics: decoded.topics, event, source: 'outbox' };
      log.warn({ eventId: decoded.id }, 'realtime: referenced event not found; dropped');
      return null;
    }
    log.warn({ bytes: payload.length }, 'realtime: malformed bus message; dropped');
    return null;
  }

  return {
    kind: 'postgres',
    async publish(message) {
      await database.notify(REALTIME_CHANNEL, encodeMessage(message, NOTIFY_PAYLOAD_LIMIT));
    },
    async start(onMessage) {
      unlisten = await database.listen(REALTIME_CHANNEL, (payload) => {
        tail = tail
          .then(() => resolve(payload))
          .then((message) => {
            if (message) onMessage(message);
          })
          .catch((err: unknown) => log.warn({ err }, 'realtime: bus message failed'));
      });
    },
    async stop() {
      await unlisten?.();
      unlisten = null;
      await tail;
    },
  };
}
