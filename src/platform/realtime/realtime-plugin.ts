import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { acceptConnection, type TokenVerifier } from './connection.js';
import { startHeartbeat } from './heartbeat.js';
import type { Realtime } from './realtime.js';

export interface RealtimePluginOptions {
  realtime: Realtime;
  verifyToken: TokenVerifier;
  authTimeoutMs: number;
  heartbeatMs: number;
  maxSubscriptions: number;
  /** How long shutdown waits for clients to answer the 1001 close frame. */
  closeGraceMs?: number;
}

/** Largest frame a client may send; protocol messages are tiny (a token is the biggest). */
const MAX_CLIENT_FRAME = 64 * 1024;

const QuerySchema = Type.Object({ token: Type.Optional(Type.String({ maxLength: 8192 })) });

/** `GET /ws`: the realtime WebSocket endpoint, its heartbeat, and its part in shutdown. */
async function realtimePlugin(app: FastifyInstance, options: RealtimePluginOptions) {
  const { realtime } = options;
  let stopHeartbeat: (() => void) | null = null;

  await app.register(websocket, {
    options: {
      maxPayload: MAX_CLIENT_FRAME,
      // Frames under 1 KiB are sent as they are: compressing them costs more than it saves.
      perMessageDeflate: { threshold: 1024 },
    },
    // Replaces the plugin's default, which closes sockets without a code.
    preClose: async function closeSockets(this: FastifyInstance) {
      stopHeartbeat?.();
      await realtime.stop(options.closeGraceMs);
      this.websocketServer.close();
    },
  });

  app.get(
    '/ws',
    { websocket: true, schema: { hide: true, querystring: QuerySchema } },
    (socket, request) => {
      const { token } = request.query as { token?: string };
      acceptConnection(socket, token, {
        hub: realtime.hub,
        topics: realtime.topics,
        verifyToken: options.verifyToken,
        authTimeoutMs: options.authTimeoutMs,
        maxSubscriptions: options.maxSubscriptions,
        log: request.log,
      });
    },
  );

  app.addHook('onReady', async () => {
    await realtime.start();
    stopHeartbeat = startHeartbeat(realtime.hub, options.heartbeatMs);
  });
  app.addHook('onClose', async () => {
    stopHeartbeat?.();
    await realtime.stop(0);
  });
}

export const realtimeRoutes = fp(realtimePlugin, { name: 'lectern-realtime' });
