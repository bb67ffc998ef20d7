import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allLogText,
  auditRows,
  countRows,
  createUserAndLogin,
  expectError,
  type TestUser,
} from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let staff: TestUser;
let learner: TestUser;
const keys: string[] = [];
beforeAll(async () => {
  t = await buildTestApp();
  staff = await createUserAndLogin(t, ['staff']);
  learner = await createUserAndLogin(t, ['learner']);
});
afterAll(() => t.close());

async function createKey(user: TestUser, scopes: string[], name = 'integration') {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/api-keys',
    payload: { name, scopes },
    headers: user.auth,
  });
  if (res.statusCode === 201) keys.push(res.json().data.key);
  return res;
}
const withKey = (key: string, url: string, method: 'GET' | 'DELETE' | 'POST' = 'GET') =>
  t.app.inject({ method, url, headers: { 'x-api-key': key } });

describe('POST /api/v1/api-keys', () => {
  it('should create a key and show its secret once', async () => {
    const res = await createKey(staff, ['users:read', 'courses:read'], 'report sync');
    expect(res.statusCode).toBe(201);
    const { data } = res.json();
    expect(data).toMatchObject({
      name: 'report sync',
      scopes: ['courses:read', 'users:read'],
      ownerId: staff.id,
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(data.key).toMatch(new RegExp(`^lk_${data.prefix}_[A-Za-z0-9_-]{43}$`));
    const [stored] = await t.database.query<{ secret_hash: string }>(
      'select secret_hash from api_keys where id = $1',
      [data.id],
    );
    expect(stored.secret_hash).not.toContain(data.key);
    expect((await auditRows(t, 'api_key.created')).at(-1)).toMatchObject({
      actor_id: staff.id,
      resource_id: data.id,
    });
  });

  it('should refuse scopes the creator does not hold (403) and unknown scopes (400)', async () => {
    const before = await countRows(t, 'api_keys');
    expectError(await createKey(learner, ['users:read']), 403, 'SCOPE_NOT_HELD');
    const unknown = expectError(await createKey(staff, ['nope:nope']), 400, 'VALIDATION_FAILED');
    expect(unknown.details?.[0].path).toMatch(/^\/body\/scopes/);
    const empty = expectError(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        payload: { scopes: [] },
        headers: staff.auth,
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(empty.details?.map((d) => d.path)).toEqual(
      expect.arrayContaining(['/body/name', '/body/scopes']),
    );
    const anon = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      payload: { name: 'x', scopes: ['courses:read'] },
    });
    expectError(anon, 401, 'UNAUTHORIZED');
    expect(await countRows(t, 'api_keys')).toBe(before);
  });

  it('should not let an API key create keys', async () => {
    const key = (await createKey(staff, ['courses:read'])).json().data.key;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      payload: { name: 'child', scopes: ['courses:read'] },
      headers: { 'x-api-key': key },
    });
    expectError(res, 403, 'USER_SESSION_REQUIRED');
  });
});

describe('X-API-Key authentication', () => {
  it('should act with the key’s scopes only and record its use', async () => {
    const created = (await createKey(staff, ['users:read'])).json().data;
    const users = await withKey(created.key, '/api/v1/users');
    expect(users.statusCode).toBe(200);
    const me = (await withKey(created.key, '/api/v1/auth/me')).json().data;
    expect(me.permissions).toEqual(['users:read']);
    expect(me.credential).toEqual({ type: 'api_key', apiKeyId: created.id });
    const check = await withKey(created.key, '/api/v1/auth/permissions/check?permission=jobs:read');
    expect(check.json().data.allowed).toBe(false);
    const [row] = await t.database.query<{ last_used_at: Date | null }>(
      'select last_used_at from api_keys where id = $1',
      [created.id],
    );
    expect(row.last_used_at).not.toBeNull();
  });

  it("should shrink to the owner's current permissions", async () => {
    const owner = await createUserAndLogin(t, ['staff']);
    const key = (await createKey(owner, ['users:read'])).json().data.key;
    expect((await withKey(key, '/api/v1/users')).statusCode).toBe(200);
    // Through the API: the role change reaches the cached key before it answers.
    const admin = await createUserAndLogin(t, ['admin']);
    const demoted = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${owner.id}/roles`,
      headers: admin.auth,
      payload: { roles: ['learner'] },
    });
    expect(demoted.statusCode).toBe(200);
    expectError(await withKey(key, '/api/v1/users'), 403, 'PERMISSION_DENIED');
  });

  it('should answer 401 for unknown or malformed keys', async () => {
    expectError(
      await withKey(`lk_00000000_${'a'.repeat(43)}`, '/api/v1/auth/me'),
      401,
      'INVALID_API_KEY',
    );
    expectError(await withKey('hello', '/api/v1/auth/me'), 401, 'INVALID_API_KEY');
  });
});

describe('GET /api/v1/api-keys', () => {
  it('should list own live keys without secrets', async () => {
    const user = await createUserAndLogin(t, ['instructor']);
    await createKey(user, ['courses:read'], 'one');
    await createKey(user, ['courses:create'], 'two');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/api-keys?limit=1',
      headers: user.auth,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.data.map((k: { name: string }) => k.name)).toEqual(['two']);
    expect(body.data[0].key).toBeUndefined();
    const next = await t.app.inject({
      method: 'GET',
      url: `/api/v1/api-keys?limit=1&cursor=${body.meta.nextCursor}`,
      headers: user.auth,
    });
    expect(next.json().data.map((k: { name: string }) => k.name)).toEqual(['one']);
    for (const key of keys) expect(res.body + next.body).not.toContain(key);
    expectError(
      await t.app.inject({ method: 'GET', url: '/api/v1/api-keys' }),
      401,
      'UNAUTHORIZED',
    );
    expectError(
      await t.app.inject({ method: 'GET', url: '/api/v1/api-keys?limit=500', headers: user.auth }),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('DELETE /api/v1/api-keys/:id', () => {
  it('should revoke a key, which then gets 401, and audit it', async () => {
    const created = (await createKey(staff, ['users:read'])).json().data;
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${created.id}`,
      headers: staff.auth,
    });
    expect(res.statusCode).toBe(204);
    expectError(await withKey(created.key, '/api/v1/users'), 401, 'INVALID_API_KEY');
    expect((await auditRows(t, 'api_key.revoked')).at(-1)).toMatchObject({
      actor_id: staff.id,
      resource_id: created.id,
    });
    const events = await t.database.query<{ type: string; actor_id: string }>(
      'select type, actor_id from outbox_events where subject_id = $1 order by id',
      [created.id],
    );
    expect(events).toEqual([
      { type: 'apikey.created', actor_id: staff.id },
      { type: 'apikey.revoked', actor_id: staff.id },
    ]);
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${created.id}`,
      headers: staff.auth,
    });
    expectError(again, 404, 'API_KEY_NOT_FOUND');
  });

  it("should answer 404 for someone else's key as for an unknown one, 400 for bad ids, 401 anonymous", async () => {
    const created = (await createKey(staff, ['courses:read'])).json().data;
    const del = (id: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${id}`, headers });
    const someoneElses = await del(created.id, learner.auth);
    const unknown = await del('01900000-0000-7000-8000-000000000000', learner.auth);
    expect(expectError(someoneElses, 404, 'API_KEY_NOT_FOUND')).toEqual(
      expectError(unknown, 404, 'API_KEY_NOT_FOUND'),
    );
    expectError(await del('x', learner.auth), 400, 'VALIDATION_FAILED');
    expectError(await del(created.id), 401, 'UNAUTHORIZED');
    expect((await withKey(created.key, '/api/v1/auth/me')).statusCode).toBe(200);
    const admin = await createUserAndLogin(t, ['admin']);
    expect((await del(created.id, admin.auth)).statusCode).toBe(204);
  });
});

describe('logs', () => {
  it('should never contain API keys', () => {
    const text = allLogText(t);
    for (const key of keys) expect(text).not.toContain(key);
  });
});
