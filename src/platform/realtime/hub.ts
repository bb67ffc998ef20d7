import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { Principal } from '../auth/principal.js';
import { CLOSE, type ServerMessage } from './protocol.js';
import type { ReplayBuffer } from './replay-buffer.js';
import type { DropReason, RealtimeStats } from './stats.js';
import type { RealtimeEvent, RealtimeMessage } from './types.js';

/** One WebSocket connection as the hub sees it. */
export interface Client {
  readonly socket: WebSocket;
  principal: Principal | null;
  readonly topics: Set<string>;
  /** Cleared when a ping goes out, set by the pong: still false at the next ping = dead. */
  alive: boolean;
  /** Set once the server decided to close it: nothing more is sent. */
  closing: boolean;
  /**
   * Ids of the events sent live before the client's first `resume`, so that the replay does not
   * repeat them. A client resumes right after it reconnects and subscribes, so this is kept only
   * for `RESUME_WINDOW_MS` and `RECENT_LIMIT` ids; a later resume may repeat an event (clients
   * de-duplicate by id anyway: delivery is at least once).
   */
  recent: Set<string> | null;
  readonly recentUntil: number;
  /** Runs a task in turn with the client's own messages (set by the connection). */
  enqueue(task: () => Promise<void>): void;
}

const RECENT_LIMIT = 256;
const RESUME_WINDOW_MS = 30_000;

export interface HubOptions {
  replay: ReplayBuffer;
  maxBufferedBytes: number;
  stats: RealtimeStats;
  log: Pick<Logger, 'debug' | 'info' | 'warn'>;
}

export interface Hub {
  add(socket: WebSocket): Client;
  remove(client: Client): void;
  setPrincipal(client: Client, principal: Principal): void;
  subscribe(client: Client, topic: string): void;
  unsubscribe(client: Client, topic: string): boolean;
  /** Sends a reply or error frame; false when the client is gone or was just dropped. */
  reply(client: Client, message: ServerMessage): boolean;
  /** Fans a bus message out to the subscribed sockets of this process (once per event id). */
  deliver(message: RealtimeMessage): void;
  /** Sends the kept events after `lastEventId` on the client's topics. */
  replayTo(client: Client, lastEventId: string): { replayed: number; complete: boolean };
  drop(client: Client, code: number, reason: string, why: DropReason): void;
  clients(): IterableIterator<Client>;
}

const eventFrame = (topic: string, event: RealtimeEvent): Buffer =>
  Buffer.from(
    JSON.stringify({ type: 'event', topic, id: event.id, event } satisfies ServerMessage),
  );

/** The sockets of this process, the topics each follows, and the bounded way frames reach them. */
export function createHub({ replay, maxBufferedBytes, stats, log }: HubOptions): Hub {
  const clients = new Set<Client>();
  const byTopic = new Map<string, Set<Client>>();

  function drop(client: Client, code: number, reason: string, why: DropReason): void {
    if (client.closing) return;
    client.closing = true;
    stats.dropped[why]++;
    log.info({ userId: client.principal?.userId, code, reason }, 'websocket closed by server');
    if (why === 'heartbeat') client.socket.terminate();
    else client.socket.close(code, reason);
  }

  /**
   * Writes one frame unless the client's unsent bytes would exceed the limit; then the client is
   * closed with 1013 instead, so one slow reader never holds an unbounded queue in our memory.
   */
  function send(client: Client, frame: Buffer): boolean {
    const { socket } = client;
    if (client.closing || socket.readyState !== socket.OPEN) return false;
    if (socket.bufferedAmount + frame.byteLength > maxBufferedBytes) {
      drop(client, CLOSE.tryAgainLater, 'slow consumer', 'slow_consumer');
      return false;
    }
    socket.send(frame, { binary: false });
    stats.messagesSent++;
    return true;
  }

  function remember(client: Client, id: string): void {
    if (!client.recent) return;
    if (client.recent.size >= RECENT_LIMIT || Date.now() > client.recentUntil) client.recent = null;
    else client.recent.add(id);
  }

  return {
    add(socket) {
      const client: Client = {
        socket,
        principal: null,
        topics: new Set(),
        alive: true,
        closing: false,
        recent: new Set(),
        recentUntil: Date.now() + RESUME_WINDOW_MS,
        enqueue: (task) => void task(),
      };
      clients.add(client);
      stats.connections++;
      return client;
    },
    remove(client) {
      if (!clients.delete(client)) return;
      stats.connections--;
      if (client.principal) stats.authenticated--;
      for (const topic of client.topics) {
        const set = byTopic.get(topic);
        set?.delete(client);
        if (set?.size === 0) byTopic.delete(topic);
      }
      stats.subscriptions -= client.topics.size;
      client.topics.clear();
    },
    setPrincipal(client, principal) {
      // The socket may have gone while its token was being checked.
      if (!clients.has(client)) return;
      if (!client.principal) stats.authenticated++;
      client.principal = principal;
    },
    subscribe(client, topic) {
      if (client.topics.has(topic) || !clients.has(client)) return;
      client.topics.add(topic);
      stats.subscriptions++;
      const set = byTopic.get(topic);
      if (set) set.add(client);
      else byTopic.set(topic, new Set([client]));
    },
    unsubscribe(client, topic) {
      if (!client.topics.delete(topic)) return false;
      stats.subscriptions--;
      const set = byTopic.get(topic);
      set?.delete(client);
      if (set?.size === 0) byTopic.delete(topic);
      return true;
    },
    reply(client, message) {
      return send(client, Buffer.from(JSON.stringify(message)));
    },
    deliver(message) {
      if (!replay.add(message)) return;
      stats.eventsDelivered++;
      const served = new Set<Client>();
      for (const topic of message.topics) {
        const subscribers = byTopic.get(topic);
        if (!subscribers) continue;
        let frame: Buffer | undefined;
        for (const client of subscribers) {
          if (served.has(client)) continue;
          served.add(client);
          frame ??= eventFrame(topic, message.event);
          if (send(client, frame)) remember(client, message.event.id);
        }
      }
    },
    replayTo(client, lastEventId) {
      const { messages, complete } = replay.after(lastEventId);
      const recent = client.recent;
      client.recent = null;
      let replayed = 0;
      for (const message of messages) {
        if (recent?.has(message.event.id)) continue;
        const topic = message.topics.find((t) => client.topics.has(t));
        if (topic === undefined) continue;
        if (!send(client, eventFrame(topic, message.event))) break;
        replayed++;
      }
      return { replayed, complete };
    },
    drop,
    clients: () => clients.values(),
  };
}
