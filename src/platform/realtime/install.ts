import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import type { DatabaseHandle } from '../db/index.js';
import type { EventDispatcher } from '../events/index.js';
import { type BusChoice, chooseBus } from './choose-bus.js';
import type { TokenVerifier } from './connection.js';
import { forwardDomainEvents } from './outbox-bridge.js';
import { jobOwnerFromDatabase, registerPlatformTopics } from './platform-topics.js';
import { createRealtime, type Realtime } from './realtime.js';
import { realtimeRoutes } from './realtime-plugin.js';

export type RealtimeConfig = Pick<
  Config,
  | 'WS_AUTH_TIMEOUT_MS'
  | 'WS_HEARTBEAT_MS'
  | 'WS_MAX_BUFFERED_BYTES'
  | 'WS_REPLAY_BUFFER'
  | 'WS_MAX_SUBSCRIPTIONS'
>;

export interface PlatformRealtimeOptions {
  config: RealtimeConfig;
  database: DatabaseHandle;
  /** The outbox dispatcher: every domain event it delivers is published to its topics. */
  events: Pick<EventDispatcher, 'subscribe'>;
  /** The process's Redis connections when `REDIS_URL` is set (fan-out over pub/sub). */
  redis?: BusChoice['redis'];
  log: Pick<Logger, 'debug' | 'info' | 'warn'>;
}

/**
 * The process's realtime service: its bus, the platform's topics (`events:*`, `users`,
 * `users:<id>`, `jobs:<id>`) and the forwarding of outbox events. Modules add their topics to
 * `realtime.topics`; `realtimeServer` serves it.
 */
export function createPlatformRealtime({
  config,
  database,
  events,
  redis,
  log,
}: PlatformRealtimeOptions): Realtime {
  const realtime = createRealtime({
    bus: chooseBus({ database, redis, log }),
    log,
    replayBufferSize: config.WS_REPLAY_BUFFER,
    maxBufferedBytes: config.WS_MAX_BUFFERED_BYTES,
  });
  registerPlatformTopics(realtime.topics, { jobOwner: jobOwnerFromDatabase(database) });
  forwardDomainEvents(events, realtime);
  return realtime;
}

/** Serves `realtime` at `GET /ws` with the limits of `config`. */
export async function realtimeServer(
  app: FastifyInstance,
  realtime: Realtime,
  config: RealtimeConfig,
  verifyToken: TokenVerifier,
): Promise<void> {
  await app.register(realtimeRoutes, {
    realtime,
    verifyToken,
    authTimeoutMs: config.WS_AUTH_TIMEOUT_MS,
    heartbeatMs: config.WS_HEARTBEAT_MS,
    maxSubscriptions: config.WS_MAX_SUBSCRIPTIONS,
  });
}
