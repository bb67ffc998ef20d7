import type { RealtimeEvent, RealtimeMessage } from './types.js';

/**
 * PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. Below this many bytes a message goes
 * whole; above, an outbox event goes as a reference that every process loads by id, and a
 * transient event keeps its envelope but loses its `data` (marked `dataTruncated`): a
 * subscriber that needs it asks the owning API (e.g. `GET /jobs/:id`).
 */
export const NOTIFY_PAYLOAD_LIMIT = 7900;

type Wire = { v: 1; message: RealtimeMessage } | { v: 1; ref: { id: string; topics: string[] } };

export function encodeMessage(message: RealtimeMessage, limit = Number.POSITIVE_INFINITY): string {
  const whole = JSON.stringify({ v: 1, message } satisfies Wire);
  if (Buffer.byteLength(whole) < limit) return whole;
  if (message.source === 'outbox')
    return JSON.stringify({ v: 1, ref: { id: message.event.id, topics: message.topics } });
  const event: RealtimeEvent = { ...message.event, data: { dataTruncated: true } };
  return JSON.stringify({ v: 1, message: { ...message, event } } satisfies Wire);
}

export type Decoded =
  | { kind: 'message'; message: RealtimeMessage }
  | { kind: 'ref'; id: string; topics: string[] }
  | { kind: 'invalid' };

export function decodeMessage(payload: string): Decoded {
  try {
    const wire = JSON.parse(payload) as Partial<{ v: number; message: unknown; ref: unknown }>;
    if (wire.v !== 1) return { kind: 'invalid' };
    if (isMessage(wire.message)) return { kind: 'message', message: wire.message };
    const ref = wire.ref as { id?: unknown; topics?: unknown } | undefined;
    if (typeof ref?.id === 'string' && isStringArray(ref.topics))
      return { kind: 'ref', id: ref.id, topics: ref.topics };
  } catch {
    // fall through: a malformed payload is dropped by the caller
  }
  return { kind: 'invalid' };
}

const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((t) => typeof t === 'string');

function isMessage(v: unknown): v is RealtimeMessage {
  const m = v as Partial<RealtimeMessage> | undefined;
  return (
    typeof m === 'object' &&
    m !== null &&
    isStringArray(m.topics) &&
    typeof m.event?.id === 'string' &&
    typeof m.event.type === 'string'
  );
}
