import type { Socket } from 'node:net';
import WebSocket from 'ws';
import type { ServerMessage } from '#platform/realtime/index.js';

export interface TestSocket {
  ws: WebSocket;
  /** Every frame received so far, parsed. */
  received: ServerMessage[];
  send(message: unknown): void;
  /** The first not yet taken frame matching `match`, waiting up to `timeoutMs` for it. */
  next(match?: (m: ServerMessage) => boolean, timeoutMs?: number): Promise<ServerMessage>;
  /** Resolves with the close code and how long after opening it came. */
  closed: Promise<{ code: number; reason: string; afterMs: number }>;
  /** Stops reading from the TCP socket, so the server's send buffer fills up. */
  pause(): void;
  resume(): void;
  close(): Promise<void>;
}

export async function openSocket(
  url: string,
  options: WebSocket.ClientOptions = {},
): Promise<TestSocket> {
  const ws = new WebSocket(url, { perMessageDeflate: false, ...options });
  const received: ServerMessage[] = [];
  const taken = new Set<number>();
  const waiters = new Set<() => void>();
  const openedAt = Date.now();
  ws.on('message', (data) => {
    received.push(JSON.parse(data.toString()) as ServerMessage);
    for (const wake of waiters) wake();
  });
  const closed = new Promise<{ code: number; reason: string; afterMs: number }>((resolve) =>
    ws.once('close', (code, reason) =>
      resolve({ code, reason: reason.toString(), afterMs: Date.now() - openedAt }),
    ),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const rawSocket = () => (ws as unknown as { _socket: Socket })._socket;

  function take(match: (m: ServerMessage) => boolean): ServerMessage | undefined {
    for (let i = 0; i < received.length; i++) {
      if (!taken.has(i) && match(received[i]!)) {
        taken.add(i);
        return received[i];
      }
    }
    return undefined;
  }

  return {
    ws,
    received,
    send: (message) => ws.send(JSON.stringify(message)),
    next(match = () => true, timeoutMs = 5000) {
      const found = take(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(received)}`),
          );
        }, timeoutMs);
        const check = () => {
          const m = take(match);
          if (!m) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(m);
        };
        waiters.add(check);
      });
    },
    closed,
    pause: () => rawSocket().pause(),
    resume: () => rawSocket().resume(),
    async close() {
      if (ws.readyState === ws.CLOSED) return;
      ws.close();
      await closed;
    },
  };
}

/** Frames of one type, for `next`. */
export const ofType =
  <T extends ServerMessage['type']>(type: T, extra: (m: ServerMessage) => boolean = () => true) =>
  (m: ServerMessage) =>
    m.type === type && extra(m);
