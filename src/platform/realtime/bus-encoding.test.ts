import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage, NOTIFY_PAYLOAD_LIMIT } from './bus-encoding.js';
import type { RealtimeMessage } from './types.js';

const message = (source: RealtimeMessage['source'], data: Record<string, unknown>) =>
  ({
    topics: ['jobs:1'],
    source,
    event: {
      id: '01890000-0000-7000-8000-000000000001',
      type: 'job.progress',
      subjectType: 'job',
      subjectId: '1',
      actorId: null,
      data,
      occurredAt: '2026-01-01T00:00:00.000Z',
    },
  }) satisfies RealtimeMessage;

describe('encodeMessage', () => {
  it('should round-trip a message that fits', () => {
    const m = message('outbox', { progress: 1 });
    expect(decodeMessage(encodeMessage(m, NOTIFY_PAYLOAD_LIMIT))).toEqual({
      kind: 'message',
      message: m,
    });
  });

  it('should send a large outbox event as a reference to load', () => {
    const m = message('outbox', { big: 'x'.repeat(10_000) });
    const wire = encodeMessage(m, NOTIFY_PAYLOAD_LIMIT);
    expect(Buffer.byteLength(wire)).toBeLessThan(8000);
    expect(decodeMessage(wire)).toEqual({ kind: 'ref', id: m.event.id, topics: m.topics });
  });

  it('should drop the data of a large transient event and say so', () => {
    const m = message('transient', { big: 'é'.repeat(5000) });
    const wire = encodeMessage(m, NOTIFY_PAYLOAD_LIMIT);
    expect(Buffer.byteLength(wire)).toBeLessThan(8000);
    expect(decodeMessage(wire)).toEqual({
      kind: 'message',
      message: { ...m, event: { ...m.event, data: { dataTruncated: true } } },
    });
  });

  it('should not limit the size without a limit (Redis)', () => {
    const m = message('transient', { big: 'x'.repeat(100_000) });
    expect(decodeMessage(encodeMessage(m))).toEqual({ kind: 'message', message: m });
  });
});

describe('decodeMessage', () => {
  it('should reject what is not a bus message', () => {
    for (const bad of ['', 'null', '{"v":2}', '{"v":1,"message":{"topics":[1]}}'])
      expect(decodeMessage(bad)).toEqual({ kind: 'invalid' });
  });
});
