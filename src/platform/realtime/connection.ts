import { decodeJwt } from 'jose';
import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import type { Principal } from '../auth/principal.js';
import type { Client, Hub } from './hub.js';
import { CLOSE, type ClientMessage, parseClientMessage } from './protocol.js';
import type { TopicRegistry } from './topics.js';

/** Turns an access token into its principal; null (or a rejection) when it is not valid. */
export type TokenVerifier = (token: string) => Promise<Principal | null>;

export interface ConnectionDeps {
  hub: Hub;
  topics: TopicRegistry;
  verifyToken: TokenVerifier;
  authTimeoutMs: number;
  maxSubscriptions: number;
  log: Pick<Logger, 'warn' | 'debug'>;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/** When the token stops being valid, in ms from now; null when it carries no `exp`. */
function msUntilExpiry(token: string): number | null {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? Math.max(0, exp * 1000 - Date.now()) : null;
  } catch {
    return null;
  }
}

/**
 * Runs the protocol on one socket: authentication (query token or first message, within the
 * timeout), then subscribe / unsubscribe / resume / ping. A client's messages are handled one at
 * a time, in order, so a subscribe never overtakes the authentication before it.
 */
/** Unsubscribes the client from the topics its principal may no longer follow, telling it so. */
export async function dropForbiddenTopics(
  client: Client,
  hub: Hub,
  topics: TopicRegistry,
): Promise<void> {
  for (const topic of [...client.topics]) {
    const principal = client.principal;
    if (!principal || client.closing) return;
    if ((await topics.authorize(principal, topic)) === 'allowed') continue;
    if (hub.unsubscribe(client, topic))
      hub.reply(client, { type: 'unsubscribed', topic, reason: 'forbidden' });
  }
}

export function acceptConnection(
  socket: WebSocket,
  queryToken: string | undefined,
  deps: ConnectionDeps,
): Client {
  const { hub, log } = deps;
  const client = hub.add(socket);
  let queue: Promise<void> = Promise.resolve();
  let expiryTimer: NodeJS.Timeout | undefined;
  const authTimer = setTimeout(() => rejectAuth('authentication timeout'), deps.authTimeoutMs);

  socket.on('pong', () => {
    client.alive = true;
  });
  socket.on('close', () => {
    clearTimeout(authTimer);
    clearTimeout(expiryTimer);
    hub.remove(client);
  });
  socket.on('message', (data: RawData, isBinary: boolean) => {
    enqueue(() => onFrame(data, isBinary));
  });
  client.enqueue = enqueue;
  if (queryToken) enqueue(() => authenticate(queryToken));

  function enqueue(task: () => Promise<void>): void {
    queue = queue.then(task).catch((err: unknown) => {
      log.warn({ err }, 'websocket message handling failed');
      hub.reply(client, { type: 'error', code: 'INTERNAL', message: 'Internal error' });
    });
  }

  function rejectAuth(reason: string): void {
    hub.drop(client, CLOSE.unauthenticated, reason, 'unauthenticated');
  }

  async function authenticate(token: string): Promise<void> {
    const principal = await deps.verifyToken(token).catch(() => null);
    if (client.closing || socket.readyState !== socket.OPEN) return;
    if (!principal) return rejectAuth('invalid token');
    if (client.principal && client.principal.userId !== principal.userId) {
      hub.reply(client, {
        type: 'error',
        code: 'ALREADY_AUTHENTICATED',
        message: 'This socket belongs to another user',
      });
      return;
    }
    clearTimeout(authTimer);
    const renewed = client.principal !== null;
    hub.setPrincipal(client, principal);
    // A socket lives no longer than its token: the client re-sends `auth` with a fresh one.
    clearTimeout(expiryTimer);
    const expiresIn = msUntilExpiry(token);
    if (expiresIn !== null)
      expiryTimer = setTimeout(
        () => rejectAuth('token expired'),
        Math.min(expiresIn, MAX_TIMER_MS),
      );
    hub.reply(client, { type: 'authenticated', userId: principal.userId });
    // A renewed token may carry fewer rights (roles changed): topics it no longer allows go.
    if (renewed) await dropForbiddenTopics(client, hub, deps.topics);
  }

  async function onFrame(data: RawData, isBinary: boolean): Promise<void> {
    if (client.closing) return;
    const message = isBinary ? null : parseClientMessage(data.toString());
    if (!client.principal) {
      if (message?.type === 'auth') return authenticate(message.token);
      return rejectAuth('authenticate first');
    }
    if (!message) {
      hub.reply(client, {
        type: 'error',
        code: 'BAD_MESSAGE',
        message: 'Expected a JSON text frame: auth, subscribe, unsubscribe, resume or ping',
      });
      return;
    }
    return handle(client.principal, message);
  }

  async function handle(principal: Principal, message: ClientMessage): Promise<void> {
    switch (message.type) {
      case 'auth':
        return authenticate(message.token);
      case 'ping':
        hub.reply(client, { type: 'pong' });
        return;
      case 'subscribe':
        return subscribe(principal, message.topic);
      case 'unsubscribe':
        hub.unsubscribe(client, message.topic);
        hub.reply(client, { type: 'unsubscribed', topic: message.topic });
        return;
      case 'resume': {
        const { replayed, complete } = hub.replayTo(client, message.lastEventId);
        hub.reply(client, {
          type: 'resumed',
          lastEventId: message.lastEventId,
          replayed,
          complete,
        });
        return;
      }
    }
  }

  async function subscribe(principal: Principal, topic: string): Promise<void> {
    if (client.topics.has(topic)) {
      hub.reply(client, { type: 'subscribed', topic });
      return;
    }
    if (client.topics.size >= deps.maxSubscriptions) {
      hub.reply(client, {
        type: 'error',
        code: 'TOO_MANY_SUBSCRIPTIONS',
        message: `At most ${deps.maxSubscriptions} topics per connection`,
        topic,
      });
      return;
    }
    const verdict = await deps.topics.authorize(principal, topic);
    if (verdict !== 'allowed') {
      hub.reply(client, {
        type: 'error',
        code: verdict === 'unknown' ? 'TOPIC_NOT_FOUND' : 'FORBIDDEN',
        message: verdict === 'unknown' ? 'No such topic' : 'You may not subscribe to this topic',
        topic,
      });
      return;
    }
    hub.subscribe(client, topic);
    hub.reply(client, { type: 'subscribed', topic });
  }

  return client;
}
