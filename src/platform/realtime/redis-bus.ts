import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { decodeMessage, encodeMessage } from './bus-encoding.js';
import type { RealtimeBus } from './types.js';

export const REALTIME_REDIS_CHANNEL = 'lectern:realtime';

export interface RedisBusOptions {
  /** A connection for PUBLISH (any command connection). */
  publisher: Pick<Redis, 'publish'>;
  /** A connection in subscriber mode; ioredis re-subscribes it after a reconnect. */
  subscriber: Pick<Redis, 'subscribe' | 'unsubscribe' | 'on' | 'off'>;
  log: Pick<Logger, 'warn'>;
}

/** Fan-out over Redis pub/sub: every process, this one included, receives every message. */
export function createRedisBus({ publisher, subscriber, log }: RedisBusOptions): RealtimeBus {
  let handler: ((channel: string, payload: string) => void) | null = null;
  return {
    kind: 'redis',
    async publish(message) {
      await publisher.publish(REALTIME_REDIS_CHANNEL, encodeMessage(message));
    },
    async start(onMessage) {
      handler = (channel, payload) => {
        if (channel !== REALTIME_REDIS_CHANNEL) return;
        const decoded = decodeMessage(payload);
        if (decoded.kind === 'message') onMessage(decoded.message);
        else log.warn({ bytes: payload.length }, 'realtime: malformed bus message; dropped');
      };
      subscriber.on('message', handler);
      await subscriber.subscribe(REALTIME_REDIS_CHANNEL);
    },
    async stop() {
      if (!handler) return;
      subscriber.off('message', handler);
      handler = null;
      await subscriber.unsubscribe(REALTIME_REDIS_CHANNEL).catch(() => undefined);
    },
  };
}
