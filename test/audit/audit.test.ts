import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAudit } from '#platform/audit/index.js';
import { runWithContext } from '#platform/http/request-context.js';
import { createUserAndLogin, expectError, type TestUser } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let admin: TestUser;
let learner: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await createUserAndLogin(t, ['admin']);
  learner = await createUserAndLogin(t, ['learner']);
});
afterAll(() => t.close());

const audit = (query = '', user: TestUser | null = admin) =>
  t.app.inject({ method: 'GET', url: `/api/v1/audit${query}`, headers: user?.auth ?? {} });

type Entry = { id: string; action: string; actorId: string | null; resourceId: string | null };

describe('GET /api/v1/audit', () => {
  it('should list entries newest first with the request id and address', async () => {
    const res = await audit();
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.ok).toBe(true);
    const ids = body.data.map((e: Entry) => e.id);
    expect(ids).toEqual([...ids].sort().reverse());
    const login = body.data.find(
      (e: Entry) => e.action === 'auth.login' && e.actorId === learner.id,
    );
    expect(login).toMatchObject({
      actorType: 'user',
      resourceType: 'session',
      outcome: 'success',
      ip: '127.0.0.1',
      requestId: expect.any(String),
    });
  });

  it('should filter by action, actor, resource and time, and page with a cursor', async () => {
    const byAction = (await audit('?action=user.created')).json();
    expect(byAction.data.every((e: Entry) => e.action === 'user.created')).toBe(true);
    expect(byAction.data).toHaveLength(2);
    const byActor = (await audit(`?actorId=${learner.id}`)).json();
    expect(byActor.data.length).toBeGreaterThan(0);
    expect(byActor.data.every((e: Entry) => e.actorId === learner.id)).toBe(true);
    const byResource = (await audit(`?resourceType=user&resourceId=${learner.id}`)).json();
    expect(byResource.data.map((e: Entry) => e.action)).toContain('user.created');
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await audit(`?from=${future}`)).json().data).toEqual([]);
    expect((await audit(`?to=${future}&limit=1`)).json().data).toHaveLength(1);

    const page1 = (await audit('?limit=1')).json();
    const page2 = (await audit(`?limit=1&cursor=${page1.meta.nextCursor}`)).json();
    expect(page2.data[0].id < page1.data[0].id).toBe(true);
  });

  it('should include rows written by modules through writeAudit, with the system as actor', async () => {
    // As a job would: its own context, no signed-in user.
    await runWithContext({ requestId: 'job-1' }, () =>
      writeAudit(t.database.db, {
        action: 'course.deleted',
        resourceType: 'course',
        resourceId: 'c-1',
        details: { title: 'Astronomy 101' },
      }),
    );
    const [entry] = (await audit('?action=course.deleted')).json().data;
    expect(entry).toMatchObject({
      actorId: null,
      actorType: 'system',
      resourceId: 'c-1',
      details: { title: 'Astronomy 101' },
      requestId: 'job-1',
      ip: null,
    });
  });

  it('should answer 400 for bad filters, 401 anonymous and 403 without audit:read', async () => {
    const bad = expectError(await audit('?actorId=me&from=yesterday'), 400, 'VALIDATION_FAILED');
    expect(bad.details?.map((d) => d.path)).toEqual(
      expect.arrayContaining(['/querystring/actorId', '/querystring/from']),
    );
    expectError(await audit('?cursor=bm9wZQ'), 400, 'INVALID_CURSOR');
    expectError(await audit('', null), 401, 'UNAUTHORIZED');
    expectError(await audit('', learner), 403, 'PERMISSION_DENIED');
  });
});
