import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createRedisBus } from './redis-bus.js';
import type { RealtimeMessage } from './types.js';

const quiet = { warn: () => {} };
const redisUrl = process.env.LECTERN_TEST_SERVICES === '1' ? process.env.REDIS_URL : undefined;

const message: RealtimeMessage = {
  topics: ['jobs:1'],
  source: 'transient',
  event: {
    id: '01890000-0000-7000-8000-000000000001',
    type: 'job.progress',
    subjectType: 'job',
    subjectId: '1',
    actorId: null,
    data: { progress: 10 },
    occurredAt: '2026-01-01T00:00:00.000Z',
  },
};

describe('createRedisBus', () => {
  it('should start without waiting for a Redis that is down', async () => {
    const down = new Redis('redis://127.0.0.1:1', {
      maxRetriesPerRequest: null,
      retryStrategy: () => 1000,
    });
    down.on('error', () => {});
    const bus = createRedisBus({
      publisher: down,
      subscriber: down,
      log: quiet,
      startTimeoutMs: 200,
    });
    const started = Date.now();
    await bus.start(() => {});
    expect(Date.now() - started).toBeLessThan(2000);
    await bus.stop();
    down.disconnect();
  });

  it.runIf(redisUrl)('should deliver what any process publishes to every process', async () => {
    const connections = [0, 1, 2].map(() => new Redis(redisUrl!));
    const [publisher, subA, subB] = connections as [Redis, Redis, Redis];
    const a = createRedisBus({ publisher, subscriber: subA, log: quiet });
    const b = createRedisBus({ publisher, subscriber: subB, log: quiet });
    const got: string[] = [];
    await a.start((m) => got.push(`a:${m.event.id}`));
    await b.start((m) => got.push(`b:${m.event.id}`));
    await a.publish(message);
    await expect.poll(() => got.sort()).toEqual([`a:${message.event.id}`, `b:${message.event.id}`]);
    await a.stop();
    await b.stop();
    await Promise.all(connections.map((c) => c.quit()));
  });
});
