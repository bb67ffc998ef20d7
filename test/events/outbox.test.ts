import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type DatabaseHandle, inTransaction } from '#platform/db/index.js';
import {
  createEventDispatcher,
  type DomainEvent,
  matchesPattern,
  processOnce,
} from '#platform/events/index.js';
import { appendUncheckedEvent as appendEvent } from '#platform/events/outbox.js';
import { openScratchPostgres, openTestDatabase } from '../helpers/template-database.js';

const quietLog = { warn: () => {}, error: () => {}, debug: () => {} };

function openDb(): Promise<DatabaseHandle> {
  const url = process.env.LECTERN_TEST_SERVICES === '1' ? process.env.DATABASE_URL : undefined;
  return url ? openScratchPostgres(url) : openTestDatabase(inject('pgliteTemplateDir'));
}

const newEvent = (subjectId: string) => ({
  type: 'user.created',
  subjectType: 'user',
  subjectId,
  actorId: null,
  data: { email: `${subjectId}@example.org` },
});

describe('outbox', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openDb();
  });
  afterAll(() => database.close());

  it('should keep no event when the unit of work rolls back', async () => {
    await expect(
      inTransaction(database.db, async ({ tx }) => {
        await appendEvent(tx, newEvent('rolled-back'));
        throw new Error('domain write failed');
      }),
    ).rejects.toThrow('domain write failed');
    const seen: DomainEvent[] = [];
    const dispatcher = createEventDispatcher({ db: database.db, log: quietLog });
    dispatcher.subscribe('*', 'test', async (e) => {
      seen.push(e);
    });
    await dispatcher.drain();
    expect(seen.filter((e) => e.subjectId === 'rolled-back')).toEqual([]);
  });

  it('should deliver a committed event once, in order, to matching subscribers', async () => {
    await inTransaction(database.db, async ({ tx }) => {
      await appendEvent(tx, newEvent('a'));
      await appendEvent(tx, { ...newEvent('b'), type: 'apikey.created', subjectType: 'api_key' });
    });
    const users: string[] = [];
    const all: string[] = [];
    const dispatcher = createEventDispatcher({ db: database.db, log: quietLog });
    dispatcher.subscribe('user.*', 'users', async (e) => {
      users.push(e.subjectId);
    });
    dispatcher.subscribe('*', 'all', async (e) => {
      all.push(e.subjectId);
    });
    await dispatcher.drain();
    await dispatcher.drain();
    expect(users).toEqual(['a']);
    expect(all).toEqual(['a', 'b']);
  });

  it('should retry an event whose subscriber failed, and not block the others', async () => {
    await inTransaction(database.db, async ({ tx }) => {
      await appendEvent(tx, newEvent('flaky'));
      await appendEvent(tx, newEvent('fine'));
    });
    let failures = 0;
    const delivered: string[] = [];
    const dispatcher = createEventDispatcher({ db: database.db, log: quietLog });
    dispatcher.subscribe('user.created', 'flaky', async (e) => {
      if (e.subjectId === 'flaky' && failures++ === 0) throw new Error('down');
      delivered.push(e.subjectId);
    });
    await dispatcher.drain();
    expect(delivered).toEqual(['fine']);
    const { rows } = (await database.db.execute(
      // make the failed event due now instead of in 2 s
      sql`UPDATE outbox_events SET locked_until = now() - interval '1 second' WHERE subject_id = 'flaky' RETURNING attempts, last_error`,
    )) as unknown as { rows: Array<{ attempts: number; last_error: string }> };
    expect(rows[0]).toMatchObject({ attempts: 1, last_error: 'down' });
    await dispatcher.drain();
    expect(delivered).toEqual(['fine', 'flaky']);
  });

  it('should hand each event to exactly one of several dispatchers', async () => {
    await inTransaction(database.db, async ({ tx }) => {
      for (let i = 0; i < 30; i++) await appendEvent(tx, newEvent(`many-${i}`));
    });
    const seen: string[] = [];
    const dispatchers = [1, 2, 3].map(() => {
      const d = createEventDispatcher({ db: database.db, log: quietLog, batchSize: 7 });
      d.subscribe('*', 'count', async (e) => {
        seen.push(e.subjectId);
      });
      return d;
    });
    await Promise.all(dispatchers.map((d) => d.drain()));
    const many = seen.filter((s) => s.startsWith('many-'));
    expect(many).toHaveLength(30);
    expect(new Set(many).size).toBe(30);
  });

  it('should let a consumer process a redelivered event only once', async () => {
    const event = await inTransaction(database.db, ({ tx }) => appendEvent(tx, newEvent('once')));
    let applied = 0;
    for (let i = 0; i < 3; i++) {
      await inTransaction(database.db, ({ tx }) =>
        processOnce(tx, 'counter', event.id, async () => {
          applied++;
        }),
      );
    }
    expect(applied).toBe(1);
  });
});

describe('matchesPattern', () => {
  it('should match exact types, prefixes and everything', () => {
    expect(matchesPattern('user.created', 'user.created')).toBe(true);
    expect(matchesPattern('user.*', 'user.roles_changed')).toBe(true);
    expect(matchesPattern('user.*', 'users.x')).toBe(false);
    expect(matchesPattern('*', 'anything')).toBe(true);
    expect(matchesPattern('user.created', 'user.deleted')).toBe(false);
  });
});
