import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { decodeMessage, encodeMessage } from './bus-encoding.js';
import type { RealtimeBus } from './types.js';

export const REALTIME_REDIS_CHANNEL = 'lectern:realtime';

/** The promise's value, or false once `ms` have passed. */
async function within(promise: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

export interface RedisBusOptions {
  /** A connection for PUBLISH (any command connection). */
  publisher: Pick<Redis, 'publish'>;
  /** A connection in subscriber mode; ioredis re-subscribes it after a reconnect. */
  subscriber: Pick<Redis, 'subscribe' | 'unsubscribe' | 'on' | 'off'>;
  log: Pick<Logger, 'warn'>;
  /** The pub/sub channel; processes of one deployment share it. Default `lectern:realtime`. */
  channel?: string;
  /** How long `start` waits for the subscription before going on without it. */
  startTimeoutMs?: number;
}

/** Fan-out over Redis pub/sub: every process, this one included, receives every message. */
export function createRedisBus({
  publisher,
  subscriber,
  log,
  channel = REALTIME_REDIS_CHANNEL,
  startTimeoutMs = 2000,
}: RedisBusOptions): RealtimeBus {
  let handler: ((channel: string, payload: string) => void) | null = null;
  return {
    kind: 'redis',
    async publish(message) {
      await publisher.publish(channel, encodeMessage(message));
    },
    async start(onMessage) {
      handler = (from, payload) => {
        if (from !== channel) return;
        const decoded = decodeMessage(payload);
        if (decoded.kind === 'message') onMessage(decoded.message);
        else log.warn({ bytes: payload.length }, 'realtime: malformed bus message; dropped');
      };
      subscriber.on('message', handler);
      // ioredis sends the SUBSCRIBE once Redis is reachable (and again after each reconnect); the
      // app starts without waiting longer than this for a Redis that is down.
      const subscribed = subscriber.subscribe(channel).then(
        () => true,
        (err: unknown) => {
          log.warn({ err }, 'realtime: Redis SUBSCRIBE failed');
          return true;
        },
      );
      if (!(await within(subscribed, startTimeoutMs)))
        log.warn('realtime: Redis not subscribed yet; events from other processes wait for it');
    },
    async stop() {
      if (!handler) return;
      subscriber.off('message', handler);
      handler = null;
      const unsubscribed = subscriber.unsubscribe(channel).then(
        () => true,
        () => true,
      );
      await within(unsubscribed, startTimeoutMs);
    },
  };
}
