import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '#platform/db/index.js';
import { appendUncheckedEvent as appendEvent } from '#platform/events/outbox.js';
import { verifySignature } from '#platform/webhooks/index.js';
import {
  auditRows,
  countRows,
  createUserAndLogin,
  expectError,
  type TestUser,
} from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe('webhooks API', () => {
  let t: TestApp;
  let admin: TestUser;
  let staff: TestUser;
  let receiver: Server;
  let target: string;
  const received: Received[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = 200;
        res.end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    t = await buildTestApp({ WEBHOOK_ALLOW_HOSTS: '127.0.0.1', JOBS_POLL_INTERVAL_MS: '500' });
    admin = await createUserAndLogin(t, ['admin']);
    staff = await createUserAndLogin(t, ['staff']);
  });
  afterAll(async () => {
    await t.close();
    receiver.close();
  });

  it('should create an endpoint, show the secret once, and deliver committed events signed', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: admin.auth,
      payload: { url: target, eventTypes: ['course.*'], description: 'LMS sync' },
    });
    expect(created.statusCode).toBe(201);
    const hook = created.json().data;
    expect(hook).toMatchObject({ url: target, eventTypes: ['course.*'], active: true });
    expect(hook.secret).toMatch(/^whsec_/);
    expect(created.headers.location).toBe(`/api/v1/webhooks/${hook.id}`);
    expect((await auditRows(t, 'webhook.created')).at(-1)).toMatchObject({
      resource_id: hook.id,
      actor_id: admin.id,
    });

    const fetched = await t.app.inject({ url: `/api/v1/webhooks/${hook.id}`, headers: admin.auth });
    expect(fetched.json().data).not.toHaveProperty('secret');

    const event = await inTransaction(t.database.db, ({ tx }) =>
      appendEvent(tx, {
        type: 'course.published',
        subjectType: 'course',
        subjectId: 'c-42',
        actorId: admin.id,
        data: { title: 'Optics' },
      }),
    );
    await inTransaction(t.database.db, ({ tx }) =>
      appendEvent(tx, {
        type: 'user.created',
        subjectType: 'user',
        subjectId: 'u-1',
        actorId: null,
        data: {},
      }),
    );
    await expect.poll(() => received.length, { timeout: 15_000, interval: 100 }).toBe(1);
    const hit = received[0]!;
    expect(hit.headers['lectern-event-id']).toBe(event.id);
    expect(hit.headers['lectern-event-type']).toBe('course.published');
    expect(
      verifySignature(
        hook.secret,
        hit.body,
        String(hit.headers['lectern-signature']),
        Math.floor(Date.now() / 1000),
      ),
    ).toBe(true);

    await expect
      .poll(
        async () =>
          (
            await t.app.inject({
              url: `/api/v1/webhooks/${hook.id}/deliveries`,
              headers: admin.auth,
            })
          ).json().data,
        {
          timeout: 5000,
        },
      )
      .toMatchObject([{ eventId: event.id, attempt: 1, status: 'succeeded', statusCode: 200 }]);
  });

  it('should redeliver a past delivery', async () => {
    const [hook] = (await t.app.inject({ url: '/api/v1/webhooks', headers: admin.auth })).json()
      .data;
    const [delivery] = (
      await t.app.inject({ url: `/api/v1/webhooks/${hook.id}/deliveries`, headers: admin.auth })
    ).json().data;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/${hook.id}/deliveries/${delivery.id}/redeliver`,
      headers: admin.auth,
    });
    expect(res.statusCode).toBe(202);
    await expect.poll(() => received.length, { timeout: 15_000, interval: 100 }).toBe(2);
    expect(received[1]!.headers['lectern-event-id']).toBe(delivery.eventId);
  });

  it('should refuse private targets, bad bodies and other roles, changing nothing', async () => {
    const before = await countRows(t, 'webhook_endpoints');
    const privateTarget = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: admin.auth,
      payload: { url: 'http://10.0.0.5/hook', eventTypes: ['*'] },
    });
    expect(expectError(privateTarget, 400, 'WEBHOOK_URL_REFUSED').details?.[0]).toMatchObject({
      path: '/body/url',
    });
    for (const url of [
      'http://localhost:9/hook',
      'http://[::7f00:1]/hook',
      'http://[::ffff:a00:5]/hook',
      'http://[fec0::1]/hook',
      'http://[64:ff9b::a00:5]/hook',
    ]) {
      const refused = await t.app.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        headers: admin.auth,
        payload: { url, eventTypes: ['*'] },
      });
      expectError(refused, 400, 'WEBHOOK_URL_REFUSED');
    }
    // What an internal name resolves to is not for the caller to learn.
    const named = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: admin.auth,
      payload: { url: 'http://localhost:9/hook', eventTypes: ['*'] },
    });
    expect(expectError(named, 400, 'WEBHOOK_URL_REFUSED').details?.[0]?.message).toBe(
      'localhost resolves to a private or reserved address',
    );
    const badTypes = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: admin.auth,
      payload: { url: target, eventTypes: ['Not A Type'] },
    });
    expectError(badTypes, 400, 'VALIDATION_FAILED');
    expectError(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        headers: staff.auth,
        payload: { url: target, eventTypes: ['*'] },
      }),
      403,
      'PERMISSION_DENIED',
    );
    expectError(
      await t.app.inject({ method: 'GET', url: '/api/v1/webhooks' }),
      401,
      'UNAUTHORIZED',
    );
    expect(await countRows(t, 'webhook_endpoints')).toBe(before);
  });

  it('should update, 404 unknown endpoints and delete with an audit row', async () => {
    const [hook] = (await t.app.inject({ url: '/api/v1/webhooks', headers: admin.auth })).json()
      .data;
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/webhooks/${hook.id}`,
      headers: admin.auth,
      payload: { eventTypes: ['*'], active: false },
    });
    expect(patched.json().data).toMatchObject({ eventTypes: ['*'], active: false });
    const unknown = '01900000-0000-7000-8000-0000000000aa';
    expectError(
      await t.app.inject({ url: `/api/v1/webhooks/${unknown}`, headers: admin.auth }),
      404,
      'WEBHOOK_NOT_FOUND',
    );
    expectError(
      await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/webhooks/${hook.id}`,
        headers: admin.auth,
        payload: {},
      }),
      400,
      'VALIDATION_FAILED',
    );
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/webhooks/${hook.id}`,
      headers: admin.auth,
    });
    expect(deleted.statusCode).toBe(204);
    expect((await auditRows(t, 'webhook.deleted')).at(-1)).toMatchObject({ resource_id: hook.id });
    expectError(
      await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/webhooks/${hook.id}`,
        headers: admin.auth,
      }),
      404,
      'WEBHOOK_NOT_FOUND',
    );
  });
});

describe('events API', () => {
  let t: TestApp;
  let admin: TestUser;
  let learner: TestUser;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await createUserAndLogin(t, ['admin']);
    learner = await createUserAndLogin(t, ['learner']);
    await inTransaction(t.database.db, async ({ tx }) => {
      for (let i = 0; i < 5; i++) {
        await appendEvent(tx, {
          type: 'course.published',
          subjectType: 'course',
          subjectId: `c${i}`,
          actorId: null,
          data: { i },
        });
      }
      await appendEvent(tx, {
        type: 'user.created',
        subjectType: 'user',
        subjectId: 'u9',
        actorId: null,
        data: {},
      });
    });
  });
  afterAll(() => t.close());

  it('should list events newest first with filters and cursor pages', async () => {
    const first = await t.app.inject({
      url: '/api/v1/events?type=course.published&limit=3',
      headers: admin.auth,
    });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.data.map((e: { subjectId: string }) => e.subjectId)).toEqual(['c4', 'c3', 'c2']);
    expect(first.headers.link).toContain('rel="next"');
    const second = await t.app.inject({
      url: `/api/v1/events?type=course.published&limit=3&cursor=${page1.meta.nextCursor}`,
      headers: admin.auth,
    });
    expect(second.json().data.map((e: { subjectId: string }) => e.subjectId)).toEqual(['c1', 'c0']);
    expect(second.json().meta.nextCursor).toBeNull();
    const bySubject = await t.app.inject({
      url: '/api/v1/events?subjectType=user&subjectId=u9',
      headers: admin.auth,
    });
    expect(bySubject.json().data).toMatchObject([{ type: 'user.created', subjectId: 'u9' }]);
  });

  it('should refuse non-admins, anonymous callers and bad cursors', async () => {
    expectError(
      await t.app.inject({ url: '/api/v1/events', headers: learner.auth }),
      403,
      'PERMISSION_DENIED',
    );
    expectError(await t.app.inject({ url: '/api/v1/events' }), 401, 'UNAUTHORIZED');
    expectError(
      await t.app.inject({ url: '/api/v1/events?cursor=nope', headers: admin.auth }),
      400,
      'INVALID_CURSOR',
    );
    expectError(
      await t.app.inject({ url: '/api/v1/events?from=yesterday', headers: admin.auth }),
      400,
      'VALIDATION_FAILED',
    );
  });
});
