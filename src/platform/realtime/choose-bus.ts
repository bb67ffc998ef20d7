import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { DatabaseHandle } from '../db/index.js';
import { getEvent } from '../events/index.js';
import { createPostgresBus } from './postgres-bus.js';
import { createRedisBus } from './redis-bus.js';
import type { RealtimeBus } from './types.js';

export interface BusChoice {
  database: DatabaseHandle;
  /** The process's Redis connections when `REDIS_URL` is set. */
  redis?: { command: Pick<Redis, 'publish'>; subscriber: Redis; keyPrefix: string } | null;
  log: Pick<Logger, 'warn'>;
}

/** Redis pub/sub when Redis is configured (it scales to many processes), else LISTEN/NOTIFY. */
export function chooseBus({ database, redis, log }: BusChoice): RealtimeBus {
  if (redis) {
    return createRedisBus({
      publisher: redis.command,
      subscriber: redis.subscriber,
      channel: `${redis.keyPrefix}realtime`,
      log,
    });
  }
  return createPostgresBus({
    database,
    loadEvent: (id) => getEvent(database.db, id),
    log,
  });
}
