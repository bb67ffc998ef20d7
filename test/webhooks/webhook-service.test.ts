import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Principal } from '#platform/auth/index.js';
import { systemClock } from '#platform/clock/index.js';
import { createSecretBox } from '#platform/crypto/secret-box.js';
import { type DatabaseHandle, type Executor, inTransaction } from '#platform/db/index.js';
import { queryEvents } from '#platform/events/index.js';
import { appendUncheckedEvent as appendEvent } from '#platform/events/outbox.js';
import { createWebhookService, type DeliveryJob } from '#platform/webhooks/service.js';
import { verifySignature } from '#platform/webhooks/signature.js';
import { openScratchPostgres, openTestDatabase } from '../helpers/template-database.js';

function openDb(): Promise<DatabaseHandle> {
  const url = process.env.LECTERN_TEST_SERVICES === '1' ? process.env.DATABASE_URL : undefined;
  return url ? openScratchPostgres(url) : openTestDatabase(inject('pgliteTemplateDir'));
}

describe('webhook service', () => {
  let database: DatabaseHandle;
  let server: Server;
  let base: string;
  let answer = 204;
  const received: Array<{ headers: Record<string, string | string[] | undefined>; body: string }> =
    [];
  const queued: DeliveryJob[] = [];
  const audited: string[] = [];
  const ACTOR = '01900000-0000-7000-8000-000000000001';
  const admin: Principal = {
    type: 'user',
    userId: ACTOR,
    sessionId: '01900000-0000-7000-8000-0000000000aa',
    roles: ['admin'],
    permissions: new Set(['webhooks:manage']),
  };

  const service = () =>
    createWebhookService({
      db: database.db,
      secretBox: createSecretBox(new Uint8Array(32).fill(7), 'webhooks'),
      policy: { allowHosts: ['127.0.0.1'] },
      timeoutMs: 2000,
      clock: systemClock,
      enqueueDelivery: async (_tx: Executor, job: DeliveryJob) => {
        queued.push(job);
      },
      audit: async (_tx, entry) => {
        audited.push(entry.action);
      },
    });

  beforeAll(async () => {
    database = await openDb();
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = answer;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await database.close();
  });

  it('should refuse private targets that are not allow-listed', async () => {
    const webhooks = createWebhookService({
      db: database.db,
      secretBox: createSecretBox(new Uint8Array(32), 'webhooks'),
      policy: { allowHosts: [] },
      timeoutMs: 1000,
      clock: systemClock,
      enqueueDelivery: async () => {},
      audit: async () => {},
    });
    await expect(
      webhooks.create(admin, { url: `${base}/hook`, eventTypes: ['*'] }),
    ).rejects.toMatchObject({
      code: 'WEBHOOK_URL_REFUSED',
    });
    expect((await webhooks.list(admin, { limit: 10 })).items).toEqual([]);
  });

  it('should fan an event out once to matching endpoints and deliver it signed', async () => {
    const webhooks = service();
    const created = await webhooks.create(admin, { url: `${base}/hook`, eventTypes: ['user.*'] });
    await webhooks.create(admin, { url: `${base}/other`, eventTypes: ['course.published'] });
    expect(created.secret).toMatch(/^whsec_/);
    expect(audited).toContain('webhook.created');

    const event = await inTransaction(database.db, ({ tx }) =>
      appendEvent(tx, {
        type: 'user.created',
        subjectType: 'user',
        subjectId: 'u1',
        actorId: null,
        data: { a: 1 },
      }),
    );
    expect(await webhooks.fanOut(event)).toBe(1);
    expect(await webhooks.fanOut(event)).toBe(0); // redelivered event: no second job
    expect(queued).toEqual([{ endpointId: created.id, eventId: event.id }]);

    await webhooks.deliver(queued[0]!, 1, false);
    const hit = received.at(-1)!;
    expect(hit.headers['lectern-event-id']).toBe(event.id);
    expect(hit.headers['lectern-event-type']).toBe('user.created');
    expect(JSON.parse(hit.body)).toMatchObject({
      id: event.id,
      type: 'user.created',
      data: { a: 1 },
    });
    const signature = String(hit.headers['lectern-signature']);
    expect(
      verifySignature(created.secret, hit.body, signature, Math.floor(Date.now() / 1000)),
    ).toBe(true);

    const [delivery] = (await webhooks.listDeliveries(admin, created.id, { limit: 10 })).items;
    expect(delivery).toMatchObject({
      attempt: 1,
      status: 'succeeded',
      statusCode: 204,
      error: null,
    });
  });

  it('should record failures, retry by throwing, and disable the endpoint after the final attempt', async () => {
    const webhooks = service();
    const created = await webhooks.create(admin, { url: `${base}/flaky`, eventTypes: ['*'] });
    const event = await inTransaction(database.db, ({ tx }) =>
      appendEvent(tx, {
        type: 'course.archived',
        subjectType: 'course',
        subjectId: 'c1',
        actorId: null,
        data: {},
      }),
    );
    answer = 503;
    await expect(
      webhooks.deliver({ endpointId: created.id, eventId: event.id }, 1, false),
    ).rejects.toThrow('HTTP 503');
    expect((await webhooks.get(admin, created.id)).active).toBe(true);
    await expect(
      webhooks.deliver({ endpointId: created.id, eventId: event.id }, 2, true),
    ).rejects.toThrow('HTTP 503');
    const after = await webhooks.get(admin, created.id);
    expect(after.active).toBe(false);
    expect(after.disabledReason).toMatch(/gave up after 2 failed attempts/);
    const deliveries = (await webhooks.listDeliveries(admin, created.id, { limit: 10 })).items;
    expect(deliveries.map((d) => [d.attempt, d.status, d.statusCode])).toEqual([
      [2, 'failed', 503],
      [1, 'failed', 503],
    ]);
    const [disabled] = await queryEvents(database.db, { type: 'webhook.disabled', limit: 5 });
    expect(disabled).toMatchObject({ subjectId: created.id, data: { lastEventId: event.id } });

    answer = 200;
    const redelivery = await webhooks.redeliver(admin, created.id, deliveries[0]!.id);
    expect(redelivery.eventId).toBe(event.id);
    expect(queued.at(-1)).toEqual({
      endpointId: created.id,
      eventId: event.id,
      redeliveryOf: deliveries[0]!.id,
    });
    await webhooks.deliver(queued.at(-1)!, 1, false);
    expect((await webhooks.listDeliveries(admin, created.id, { limit: 1 })).items[0]).toMatchObject(
      {
        status: 'succeeded',
        redeliveryOf: deliveries[0]!.id,
      },
    );
  });

  it('should re-activate a disabled endpoint on PATCH active=true and 404 unknown ids', async () => {
    const webhooks = service();
    const [disabled] = (await webhooks.list(admin, { limit: 10 })).items.filter((w) => !w.active);
    const updated = await webhooks.update(admin, disabled!.id, {
      active: true,
      eventTypes: ['course.*'],
    });
    expect(updated).toMatchObject({ active: true, disabledAt: null, eventTypes: ['course.*'] });
    await expect(webhooks.get(admin, '01900000-0000-7000-8000-00000000ffff')).rejects.toMatchObject(
      {
        code: 'WEBHOOK_NOT_FOUND',
      },
    );
    await webhooks.remove(admin, disabled!.id);
    await expect(webhooks.remove(admin, disabled!.id)).rejects.toMatchObject({
      code: 'WEBHOOK_NOT_FOUND',
    });
  });
});
