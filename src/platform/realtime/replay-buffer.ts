import type { RealtimeMessage } from './types.js';

export interface ReplayBuffer {
  /** Keeps the message; false when one with the same event id is already kept (a redelivery). */
  add(message: RealtimeMessage): boolean;
  /**
   * Messages kept after the one with `lastEventId`, oldest first. `complete` is false when that
   * id is no longer (or never was) kept: the caller may have missed more than we can replay.
   */
  after(lastEventId: string): { messages: RealtimeMessage[]; complete: boolean };
  readonly size: number;
}

/** The last `capacity` messages this process delivered, in arrival order. */
export function createReplayBuffer(capacity: number): ReplayBuffer {
  const ring: Array<RealtimeMessage | undefined> = new Array(capacity);
  const positions = new Map<string, number>();
  // `next` counts every message ever added; the ring slot is `position % capacity`.
  let next = 0;

  const oldest = () => Math.max(0, next - capacity);

  return {
    add(message) {
      if (capacity === 0) return true;
      if (positions.has(message.event.id)) return false;
      const slot = next % capacity;
      const evicted = ring[slot];
      if (evicted) positions.delete(evicted.event.id);
      ring[slot] = message;
      positions.set(message.event.id, next);
      next++;
      return true;
    },
    after(lastEventId) {
      const found = positions.get(lastEventId);
      const start = found === undefined ? oldest() : found + 1;
      const messages: RealtimeMessage[] = [];
      for (let i = start; i < next; i++) {
        const message = ring[i % capacity]!;
        // Unknown id: replay only what sorts after it (event ids are time-ordered UUIDv7).
        if (found === undefined && message.event.id <= lastEventId) continue;
        messages.push(message);
      }
      return { messages, complete: found !== undefined };
    },
    get size() {
      return next - oldest();
    },
  };
}
