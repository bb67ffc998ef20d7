import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditRows,
  createUserAndLogin,
  expectError,
  login,
  PASSWORD,
  type TestUser,
} from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await createUserAndLogin(t, ['admin']);
});
afterAll(() => t.close());

const post = (url: string, user?: TestUser) =>
  t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: user?.auth ?? {} });
const me = (headers: Record<string, string>) =>
  t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });

async function apiKeyOf(user: TestUser): Promise<Record<string, string>> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/api-keys',
    headers: user.auth,
    payload: { name: 'integration', scopes: ['courses:read'] },
  });
  expect(res.statusCode).toBe(201);
  return { 'x-api-key': res.json().data.key };
}

describe('POST /api/v1/users/:id/disable', () => {
  it('should end sessions, stop API keys, refuse login and refresh, and audit', async () => {
    const user = await createUserAndLogin(t, ['instructor']);
    const key = await apiKeyOf(user);
    // Warm: the session and the key are in the credential cache.
    expect((await me(user.auth)).statusCode).toBe(200);
    expect((await me(key)).statusCode).toBe(200);

    const res = await post(`/users/${user.id}/disable`, admin);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({ id: user.id, disabled: true });
    expect(res.headers.etag).toBe(`"${res.json().data.version}"`);

    expectError(await me(user.auth), 401, 'SESSION_REVOKED');
    expectError(await me(key), 401, 'INVALID_API_KEY');
    const refresh = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: user.refreshToken },
    });
    expectError(refresh, 401, 'INVALID_REFRESH_TOKEN');
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: PASSWORD },
    });
    expectError(signIn, 401, 'INVALID_CREDENTIALS');
    expect((await auditRows(t, 'user.disabled')).at(-1)).toMatchObject({
      actor_id: admin.id,
      resource_id: user.id,
      details: { revokedSessions: 1 },
    });

    // Disabling again changes nothing.
    const again = await post(`/users/${user.id}/disable`, admin);
    expect(again.json().data.version).toBe(res.json().data.version);
  });

  it('should let the user back in when enabled, with their API keys working again', async () => {
    const user = await createUserAndLogin(t, ['instructor']);
    const key = await apiKeyOf(user);
    expect((await post(`/users/${user.id}/disable`, admin)).statusCode).toBe(200);
    expectError(await me(key), 401, 'INVALID_API_KEY');
    const res = await post(`/users/${user.id}/enable`, admin);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({ disabled: false });
    expect((await me(key)).statusCode).toBe(200);
    const again = await login(t, user.email, PASSWORD);
    expect((await me(again.auth)).statusCode).toBe(200);
    expect((await auditRows(t, 'user.enabled')).at(-1)).toMatchObject({ resource_id: user.id });
  });

  it('should refuse to disable the last active admin with 409 LAST_ADMIN', async () => {
    expectError(await post(`/users/${admin.id}/disable`, admin), 409, 'LAST_ADMIN');
    expect((await me(admin.auth)).statusCode).toBe(200);
    const second = await createUserAndLogin(t, ['admin']);
    expect((await post(`/users/${second.id}/disable`, admin)).statusCode).toBe(200);
    expectError(await post(`/users/${admin.id}/disable`, admin), 409, 'LAST_ADMIN');
  });

  it('should answer 401 anonymous, 403 without users:manage, 404 unknown and 400 bad id', async () => {
    const staff = await createUserAndLogin(t, ['staff']);
    const victim = await createUserAndLogin(t);
    expectError(await post(`/users/${victim.id}/disable`), 401, 'UNAUTHORIZED');
    expectError(await post(`/users/${victim.id}/disable`, staff), 403, 'PERMISSION_DENIED');
    expectError(await post(`/users/${victim.id}/enable`, staff), 403, 'PERMISSION_DENIED');
    expect((await me(victim.auth)).statusCode).toBe(200);
    expectError(
      await post('/users/00000000-0000-7000-8000-000000000000/disable', admin),
      404,
      'USER_NOT_FOUND',
    );
    const bad = expectError(
      await post('/users/not-a-uuid/disable', admin),
      400,
      'VALIDATION_FAILED',
    );
    expect(bad.details?.[0]?.path).toBe('/params/id');
  });
});
