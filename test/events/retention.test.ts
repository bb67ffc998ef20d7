import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, newId } from '#platform/db/index.js';
import { eventReceipts, outboxEvents } from '#platform/events/tables.js';
import { EVENTS_CLEANUP_QUEUE, findRecord } from '#platform/jobs/index.js';
import { WEBHOOK_DELIVERY_QUEUE } from '#platform/webhooks/index.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, ms = 20_000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('event log retention (EVENTS_RETENTION_DAYS)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ EVENTS_RETENTION_DAYS: '30' });
  });
  afterAll(() => t.close());

  const event = (occurredAt: Date, dispatchedAt: Date | null) => ({
    id: newId(),
    type: 'user.created',
    subjectType: 'user',
    subjectId: newId(),
    actorId: null,
    data: {},
    occurredAt,
    dispatchedAt,
    // An undispatched event whose subscriber failed waits for its retry; keep the app's own
    // dispatcher away from it during the test.
    lockedUntil: dispatchedAt ? null : new Date(Date.now() + DAY),
  });

  it('should delete old dispatched events and their receipts, and keep recent, undispatched and still-needed ones', async () => {
    const db = t.database.db;
    const oldDispatched = event(daysAgo(41), daysAgo(40));
    const recentDispatched = event(daysAgo(3), daysAgo(2));
    const oldUndispatched = event(daysAgo(40), null);
    const oldWithDeliveryRetrying = event(daysAgo(41), daysAgo(40));
    await db
      .insert(outboxEvents)
      .values([oldDispatched, recentDispatched, oldUndispatched, oldWithDeliveryRetrying]);
    await db.insert(eventReceipts).values([
      { consumer: 'webhooks.fan-out', eventId: oldDispatched.id, processedAt: daysAgo(40) },
      { consumer: 'realtime', eventId: oldDispatched.id, processedAt: daysAgo(40) },
      { consumer: 'webhooks.fan-out', eventId: recentDispatched.id },
      { consumer: 'webhooks.fan-out', eventId: oldWithDeliveryRetrying.id },
    ]);
    // A webhook delivery of that event waiting for its next attempt reads the event when it runs.
    await inTransaction(db, ({ tx }) =>
      t.app.lectern.jobs.enqueue(
        tx,
        WEBHOOK_DELIVERY_QUEUE,
        { endpointId: newId(), eventId: oldWithDeliveryRetrying.id },
        { startAfter: new Date(Date.now() + DAY) },
      ),
    );

    const id = (await inTransaction(db, ({ tx }) =>
      t.app.lectern.jobs.enqueue(tx, EVENTS_CLEANUP_QUEUE, {}),
    )) as string;
    const done = await waitFor(async () => {
      const r = await findRecord(db, id);
      return r?.state === 'completed' && r;
    });

    expect(done.result).toEqual({ events: 1, receipts: 2 });
    const kept = (await db.select({ id: outboxEvents.id }).from(outboxEvents)).map((r) => r.id);
    expect(kept.sort()).toEqual(
      [recentDispatched.id, oldUndispatched.id, oldWithDeliveryRetrying.id].sort(),
    );
    const receipts = (await db.select({ eventId: eventReceipts.eventId }).from(eventReceipts)).map(
      (r) => r.eventId,
    );
    expect(receipts.sort()).toEqual([recentDispatched.id, oldWithDeliveryRetrying.id].sort());
  });
});

describe('EVENTS_RETENTION_DAYS=0', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ EVENTS_RETENTION_DAYS: '0' });
  });
  afterAll(() => t.close());

  it('should keep the event log forever', async () => {
    const db = t.database.db;
    const old = {
      id: newId(),
      type: 'user.created',
      subjectType: 'user',
      subjectId: newId(),
      actorId: null,
      data: {},
      occurredAt: daysAgo(4000),
      dispatchedAt: daysAgo(4000),
    };
    await db.insert(outboxEvents).values(old);
    const id = (await inTransaction(db, ({ tx }) =>
      t.app.lectern.jobs.enqueue(tx, EVENTS_CLEANUP_QUEUE, {}),
    )) as string;
    const done = await waitFor(async () => {
      const r = await findRecord(db, id);
      return r?.state === 'completed' && r;
    });
    expect(done.result).toEqual({ events: 0, receipts: 0 });
    expect(await db.select({ id: outboxEvents.id }).from(outboxEvents)).toContainEqual({
      id: old.id,
    });
  });
});
