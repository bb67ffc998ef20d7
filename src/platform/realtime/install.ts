import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/index.js';
import type { DatabaseHandle } from '../db/index.js';
import type { EventDispatcher } from '../events/index.js';
import { type BusChoice, chooseBus } from './choose-bus.js';
import type { TokenVerifier } from './connection.js';
import { forwardDomainEvents } from './outbox-bridge.js';
import { jobOwnerFromDatabase, registerPlatformTopics } from './platform-topics.js';
import { createRealtime, type Realtime } from './realtime.js';
import { realtimeRoutes } from './realtime-plugin.js';

export interface InstallRealtimeOptions {
  config: Pick<
    Config,
    | 'WS_AUTH_TIMEOUT_MS'
    | 'WS_HEARTBEAT_MS'
    | 'WS_MAX_BUFFERED_BYTES'
    | 'WS_REPLAY_BUFFER'
    | 'WS_MAX_SUBSCRIPTIONS'
  >;
  database: DatabaseHandle;
  /** The outbox dispatcher: every domain event it delivers is published to its topics. */
  events: Pick<EventDispatcher, 'subscribe'>;
  verifyToken: TokenVerifier;
  redis?: BusChoice['redis'];
}

/**
 * Builds the process's realtime service (bus, platform topics, outbox forwarding) and serves it
 * at `GET /ws`. Modules then add their topics to `realtime.topics`.
 */
export async function installRealtime(
  app: FastifyInstance,
  { config, database, events, verifyToken, redis }: InstallRealtimeOptions,
): Promise<Realtime> {
  const realtime = createRealtime({
    bus: chooseBus({ database, redis, log: app.log }),
    log: app.log,
    replayBufferSize: config.WS_REPLAY_BUFFER,
    maxBufferedBytes: config.WS_MAX_BUFFERED_BYTES,
  });
  registerPlatformTopics(realtime.topics, { jobOwner: jobOwnerFromDatabase(database) });
  forwardDomainEvents(events, realtime);
  await app.register(realtimeRoutes, {
    realtime,
    verifyToken,
    authTimeoutMs: config.WS_AUTH_TIMEOUT_MS,
    heartbeatMs: config.WS_HEARTBEAT_MS,
    maxSubscriptions: config.WS_MAX_SUBSCRIPTIONS,
  });
  return realtime;
}
