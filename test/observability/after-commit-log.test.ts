import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '#platform/db/index.js';
import { getEvent } from '#platform/events/index.js';
import { appendUncheckedEvent as appendEvent } from '#platform/events/outbox.js';
import { ok } from '#platform/http/envelope.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

describe('after-commit task failures', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(
      {},
      {
        routes: (app) => {
          // A write whose follow-up (say, a cache invalidation) fails once the data is durable.
          app.post('/test/after-commit-fails', async () =>
            inTransaction(app.lectern.database.db, async ({ tx, afterCommit }) => {
              const event = await appendEvent(tx, {
                type: 'test.written',
                subjectType: 'test',
                subjectId: 'after-commit',
                actorId: null,
                data: {},
              });
              afterCommit(() => {
                throw new Error('invalidation failed');
              });
              return ok({ id: event.id });
            }),
          );
        },
      },
    );
  });
  afterAll(() => t.close());

  it('should answer as committed and log the failure with the request id', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/test/after-commit-fails',
      headers: { 'x-request-id': 'after-commit-1' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-request-id']).toBe('after-commit-1');
    expect(await getEvent(t.database.db, res.json().data.id)).not.toBeNull();
    const line = t.logs.find((l) => l.msg === 'after-commit task failed');
    expect(line).toMatchObject({ level: 50, requestId: 'after-commit-1' });
    expect((line?.err as { message?: string } | undefined)?.message).toBe('invalidation failed');
  });
});
