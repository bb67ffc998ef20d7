import { type Static, Type } from 'typebox';
import Value from 'typebox/value';
import type { RealtimeEvent } from './types.js';

const Topic = Type.String({ minLength: 1, maxLength: 300 });

/** Every message a client may send, as JSON text frames. */
export const ClientMessageSchema = Type.Union([
  Type.Object({
    type: Type.Literal('auth'),
    token: Type.String({ minLength: 1, maxLength: 8192 }),
  }),
  Type.Object({ type: Type.Literal('subscribe'), topic: Topic }),
  Type.Object({ type: Type.Literal('unsubscribe'), topic: Topic }),
  Type.Object({
    type: Type.Literal('resume'),
    lastEventId: Type.String({ minLength: 1, maxLength: 100 }),
  }),
  Type.Object({ type: Type.Literal('ping') }),
]);
export type ClientMessage = Static<typeof ClientMessageSchema>;

/** Close codes the server uses besides the standard ones. */
export const CLOSE = {
  /** Shutting down (or restarting): reconnect, then `resume`. */
  goingAway: 1001,
  /** The client read too slowly and its send buffer overflowed: reconnect, then `resume`. */
  tryAgainLater: 1013,
  /**
   * No valid credentials in time, the access token expired, or its session ended (logout,
   * revocation, password change, user disabled): authenticate again.
   */
  unauthenticated: 4401,
} as const;

export type ServerMessage =
  | { type: 'authenticated'; userId: string }
  | { type: 'subscribed'; topic: string }
  /** `reason` is set when the server dropped the topic: the socket may no longer follow it. */
  | { type: 'unsubscribed'; topic: string; reason?: 'forbidden' }
  | { type: 'event'; topic: string; id: string; event: RealtimeEvent }
  | { type: 'resumed'; lastEventId: string; replayed: number; complete: boolean }
  | { type: 'pong' }
  | { type: 'error'; code: RealtimeErrorCode; message: string; topic?: string };

export type RealtimeErrorCode =
  | 'BAD_MESSAGE'
  | 'TOPIC_NOT_FOUND'
  | 'FORBIDDEN'
  | 'TOO_MANY_SUBSCRIPTIONS'
  | 'ALREADY_AUTHENTICATED'
  | 'INTERNAL';

/** Parses one text frame; null when it is not JSON or not one of the client messages. */
export function parseClientMessage(raw: string): ClientMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  return Value.Check(ClientMessageSchema, value) ? value : null;
}
