import { setTimeout as sleep } from 'node:timers/promises';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

export type RedisLog = Pick<Logger, 'warn' | 'info'>;

export interface RedisClients {
  /** For commands. Fails fast while disconnected instead of queueing. */
  command: Redis;
  /** For SUBSCRIBE only (a subscribed connection cannot run other commands). */
  subscriber: Redis;
  /** Prefix of every key and channel this deployment uses (`REDIS_KEY_PREFIX`). */
  keyPrefix: string;
  /** True while both connections are up. */
  isReady(): boolean;
  /** Waits up to `timeoutMs` for both connections; false if Redis is still not there. */
  waitUntilReady(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface RedisClientOptions {
  /** A command that gets no reply this fast fails (so a stalled Redis cannot stall requests). */
  commandTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** Prefix of every key and channel; the users of the connections apply it. Default `lectern:`. */
  keyPrefix?: string;
}

/** Reconnect forever, backing off to 5 s with jitter so a fleet does not reconnect in lockstep. */
const reconnectDelay = (attempt: number) =>
  Math.round(Math.min(5000, 100 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random() / 2));

/**
 * The process's two Redis connections, shared by the cache, rate limits and realtime fan-out.
 * Logs once when Redis becomes unreachable and once when it is back, however many errors the
 * reconnect attempts produce in between.
 */
export function createRedisClients(
  url: string,
  log: RedisLog,
  {
    commandTimeoutMs = 1000,
    connectTimeoutMs = 2000,
    keyPrefix = 'lectern:',
  }: RedisClientOptions = {},
): RedisClients {
  const common: RedisOptions = {
    connectTimeout: connectTimeoutMs,
    retryStrategy: reconnectDelay,
    connectionName: 'lectern',
  };
  const command = new Redis(url, {
    ...common,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: commandTimeoutMs,
  });
  // The subscriber queues its SUBSCRIBE until connected and resubscribes after a reconnect.
  const subscriber = new Redis(url, { ...common, maxRetriesPerRequest: null });

  let closing = false;
  let unavailable = false;
  const host = new URL(url).host;
  const markDown = (err?: unknown) => {
    if (closing || unavailable) return;
    unavailable = true;
    log.warn({ err, redis: host }, 'redis unavailable; retrying in the background');
  };
  const markUp = () => {
    if (!unavailable || !isReady()) return;
    unavailable = false;
    log.info({ redis: host }, 'redis available again');
  };
  const isReady = () => command.status === 'ready' && subscriber.status === 'ready';
  for (const client of [command, subscriber]) {
    client.on('error', markDown);
    client.on('close', () => markDown());
    client.on('ready', markUp);
  }

  return {
    command,
    subscriber,
    keyPrefix,
    isReady,
    async waitUntilReady(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!isReady() && !closing && Date.now() < deadline) await sleep(25);
      return isReady();
    },
    async close() {
      closing = true;
      await Promise.all(
        [command, subscriber].map(async (client) => {
          if (client.status === 'ready') {
            await client.quit().catch(() => client.disconnect());
          } else {
            client.disconnect();
          }
        }),
      );
    },
  };
}
