import { describe, expect, it } from 'vitest';
import { createReplayBuffer } from './replay-buffer.js';
import type { RealtimeMessage } from './types.js';

const message = (id: string): RealtimeMessage => ({
  topics: ['events:*'],
  source: 'outbox',
  event: {
    id,
    type: 't',
    subjectType: 's',
    subjectId: '1',
    actorId: null,
    data: {},
    occurredAt: '2026-01-01T00:00:00.000Z',
  },
});
const ids = (messages: RealtimeMessage[]) => messages.map((m) => m.event.id);

describe('createReplayBuffer', () => {
  it('should return what came after a kept id, in arrival order', () => {
    const buffer = createReplayBuffer(10);
    for (const id of ['e1', 'e3', 'e2']) buffer.add(message(id));
    expect(buffer.after('e1')).toEqual({
      messages: [message('e3'), message('e2')],
      complete: true,
    });
    expect(buffer.after('e2')).toEqual({ messages: [], complete: true });
  });

  it('should refuse a message it already keeps (a redelivery)', () => {
    const buffer = createReplayBuffer(10);
    expect(buffer.add(message('e1'))).toBe(true);
    expect(buffer.add(message('e1'))).toBe(false);
    expect(buffer.size).toBe(1);
  });

  it('should keep only the last `capacity` messages', () => {
    const buffer = createReplayBuffer(3);
    for (const id of ['e1', 'e2', 'e3', 'e4', 'e5']) buffer.add(message(id));
    expect(buffer.size).toBe(3);
    expect(buffer.after('e3')).toMatchObject({ complete: true });
    expect(ids(buffer.after('e3').messages)).toEqual(['e4', 'e5']);
    // e1 was evicted: replay what sorts after it, and say the replay may have a gap.
    const fromEvicted = buffer.after('e1');
    expect(fromEvicted.complete).toBe(false);
    expect(ids(fromEvicted.messages)).toEqual(['e3', 'e4', 'e5']);
    expect(buffer.add(message('e1'))).toBe(true);
  });

  it('should keep nothing with capacity 0', () => {
    const buffer = createReplayBuffer(0);
    expect(buffer.add(message('e1'))).toBe(true);
    expect(buffer.after('e1')).toEqual({ messages: [], complete: false });
  });
});
