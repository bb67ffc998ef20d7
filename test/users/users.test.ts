import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditRows,
  countRows,
  createUserAndLogin,
  expectError,
  type TestUser,
} from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let admin: TestUser;
let staff: TestUser;
let learner: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await createUserAndLogin(t, ['admin'], { email: 'root@school.test', name: 'Root Admin' });
  staff = await createUserAndLogin(t, ['staff'], {
    email: 'office@school.test',
    name: 'Olga Office',
  });
  learner = await createUserAndLogin(t, ['learner'], {
    email: 'pupil@school.test',
    name: 'Pia Pupil',
  });
});
afterAll(() => t.close());

const get = (url: string, user?: TestUser) =>
  t.app.inject({ method: 'GET', url, headers: user?.auth ?? {} });
const putRoles = (id: string, roles: unknown, user?: TestUser) =>
  t.app.inject({
    method: 'PUT',
    url: `/api/v1/users/${id}/roles`,
    payload: { roles },
    headers: user?.auth ?? {},
  });

describe('GET /api/v1/users', () => {
  it('should list users for holders of users:read, in pages', async () => {
    const first = await get('/api/v1/users?limit=2', staff);
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.ok).toBe(true);
    expect(body.data.map((u: { email: string }) => u.email)).toEqual([
      'root@school.test',
      'office@school.test',
    ]);
    expect(body.meta).toEqual({ nextCursor: expect.any(String), limit: 2 });
    expect(first.headers.link).toBe(
      `</api/v1/users?limit=2&cursor=${body.meta.nextCursor}>; rel="next"`,
    );
    expect(JSON.stringify(body)).not.toMatch(/password/i);
    const second = await get(`/api/v1/users?limit=2&cursor=${body.meta.nextCursor}`, staff);
    expect(second.json().data.map((u: { email: string }) => u.email)).toEqual([
      'pupil@school.test',
    ]);
    expect(second.json().meta.nextCursor).toBeNull();
    expect(second.headers.link).toBeUndefined();
  });

  it('should filter by role and by part of the email or name', async () => {
    const byRole = await get('/api/v1/users?role=learner', admin);
    expect(byRole.json().data.map((u: { id: string }) => u.id)).toEqual([learner.id]);
    const byName = await get('/api/v1/users?q=olga', admin);
    expect(byName.json().data.map((u: { id: string }) => u.id)).toEqual([staff.id]);
    const byEmail = await get('/api/v1/users?q=PUPIL@', admin);
    expect(byEmail.json().data.map((u: { id: string }) => u.id)).toEqual([learner.id]);
    const wildcard = await get('/api/v1/users?q=%25', admin);
    expect(wildcard.json().data).toEqual([]);
  });

  it('should answer 400 for bad filters and cursors, 401 anonymous, 403 without users:read', async () => {
    const bad = expectError(
      await get('/api/v1/users?role=wizard&limit=0', admin),
      400,
      'VALIDATION_FAILED',
    );
    expect(bad.details?.map((d) => d.path)).toEqual(
      expect.arrayContaining(['/querystring/role', '/querystring/limit']),
    );
    expectError(await get('/api/v1/users?cursor=e30', admin), 400, 'INVALID_CURSOR');
    expectError(await get('/api/v1/users'), 401, 'UNAUTHORIZED');
    expectError(await get('/api/v1/users', learner), 403, 'PERMISSION_DENIED');
  });
});

describe('GET /api/v1/users/:id', () => {
  it('should show yourself, or anyone to holders of users:read', async () => {
    const self = await get(`/api/v1/users/${learner.id}`, learner);
    expect(self.statusCode).toBe(200);
    expect(self.json()).toEqual({
      ok: true,
      data: expect.objectContaining({
        id: learner.id,
        email: 'pupil@school.test',
        roles: ['learner'],
      }),
    });
    expect((await get(`/api/v1/users/${learner.id}`, staff)).statusCode).toBe(200);
  });

  it('should answer 403 for someone else without users:read, 404 unknown, 400 bad id, 401 anonymous', async () => {
    expectError(await get(`/api/v1/users/${admin.id}`, learner), 403, 'NOT_OWNER');
    expectError(
      await get('/api/v1/users/01900000-0000-7000-8000-000000000000', staff),
      404,
      'USER_NOT_FOUND',
    );
    const bad = expectError(await get('/api/v1/users/42', staff), 400, 'VALIDATION_FAILED');
    expect(bad.details?.[0].path).toBe('/params/id');
    expectError(await get(`/api/v1/users/${learner.id}`), 401, 'UNAUTHORIZED');
  });
});

describe('PUT /api/v1/users/:id/roles', () => {
  it('should replace roles, bump the version and audit the change', async () => {
    const user = await createUserAndLogin(t);
    const res = await putRoles(user.id, ['instructor', 'learner'], admin);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      id: user.id,
      roles: ['instructor', 'learner'],
      version: 2,
    });
    // The change applies to the user's existing token at once.
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: user.auth });
    expect(me.json().data.permissions).toContain('courses:create');
    const events = await t.database.query<{ type: string; data: unknown }>(
      'select type, data from outbox_events where subject_id = $1 order by id',
      [user.id],
    );
    expect(events.map((e) => e.type)).toEqual(['user.created', 'user.roles_changed']);
    const [row] = (await auditRows(t, 'user.roles_changed')).slice(-1);
    expect(row).toMatchObject({
      actor_id: admin.id,
      resource_id: user.id,
      details: { before: ['learner'], after: ['instructor', 'learner'] },
    });
  });

  it('should refuse to remove the admin role from the last admin with 409', async () => {
    const res = await putRoles(admin.id, ['staff'], admin);
    expectError(res, 409, 'LAST_ADMIN');
    expect((await get(`/api/v1/users/${admin.id}`, admin)).json().data.roles).toEqual(['admin']);
    const second = await createUserAndLogin(t, ['admin']);
    expect((await putRoles(second.id, ['learner'], admin)).statusCode).toBe(200);
  });

  it('should answer 400 for unknown roles, 404 for unknown users, 401/403 without roles:manage', async () => {
    const before = await countRows(t, 'user_roles');
    const bad = expectError(
      await putRoles(learner.id, ['wizard'], admin),
      400,
      'VALIDATION_FAILED',
    );
    expect(bad.details?.[0].path).toMatch(/^\/body\/roles/);
    expectError(
      await putRoles('01900000-0000-7000-8000-000000000000', ['learner'], admin),
      404,
      'USER_NOT_FOUND',
    );
    expectError(await putRoles(learner.id, ['admin']), 401, 'UNAUTHORIZED');
    expectError(await putRoles(learner.id, ['admin'], staff), 403, 'PERMISSION_DENIED');
    expectError(await putRoles(learner.id, ['admin'], learner), 403, 'PERMISSION_DENIED');
    expect(await countRows(t, 'user_roles')).toBe(before);
  });
});

describe('OpenAPI', () => {
  it('should document security and the 401/403 envelopes on guarded routes', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const op = doc.paths['/api/v1/users/{id}/roles'].put;
    expect(op.security).toEqual([{ bearerAuth: [] }, { apiKey: [] }]);
    expect(Object.keys(op.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '409']),
    );
    expect(JSON.stringify(op.responses['401'])).toContain('ErrorEnvelope');
    const signup = doc.paths['/api/v1/auth/signup'].post;
    expect(signup.security).toBeUndefined();
  });
});

describe('ETags', () => {
  it('should tag a user with its version, answer 304 and guard role changes with If-Match', async () => {
    const user = await createUserAndLogin(t);
    const res = await get(`/api/v1/users/${user.id}`, admin);
    expect(res.headers.etag).toBe('"1"');
    const cached = await t.app.inject({
      method: 'GET',
      url: `/api/v1/users/${user.id}`,
      headers: { ...admin.auth, 'if-none-match': '"1"' },
    });
    expect(cached.statusCode).toBe(304);
    const change = (version: string) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/users/${user.id}/roles`,
        payload: { roles: ['staff'] },
        headers: { ...admin.auth, 'if-match': version },
      });
    const ok = await change('"1"');
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    expectError(await change('"1"'), 412, 'VERSION_MISMATCH');
  });
});
