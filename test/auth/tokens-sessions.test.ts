import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries } from '../helpers/count-queries.js';
import {
  auditRows,
  createUserAndLogin,
  expectError,
  login,
  type TestUser,
} from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const refresh = (refreshToken: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } });
const me = (headers: Record<string, string>) =>
  t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('POST /api/v1/auth/refresh', () => {
  it('should rotate: a new pair works, the old refresh token is single-use', async () => {
    const user = await createUserAndLogin(t);
    const first = await refresh(user.refreshToken);
    expect(first.statusCode).toBe(200);
    const next = first.json().data;
    expect(next.refreshToken).not.toBe(user.refreshToken);
    expect((await me(bearer(next.accessToken))).statusCode).toBe(200);
    const second = await refresh(next.refreshToken);
    expect(second.statusCode).toBe(200);
  });

  it('should end the whole session when a rotated token is reused', async () => {
    const user = await createUserAndLogin(t);
    const rotated = (await refresh(user.refreshToken)).json().data;
    expectError(await refresh(user.refreshToken), 401, 'REFRESH_TOKEN_REUSED');
    // The family's newer token and its access tokens are dead too.
    expectError(await refresh(rotated.refreshToken), 401, 'INVALID_REFRESH_TOKEN');
    expectError(await me(bearer(rotated.accessToken)), 401, 'SESSION_REVOKED');
    expectError(await me(user.auth), 401, 'SESSION_REVOKED');
    const rows = await auditRows(t, 'session.revoked');
    expect(rows.at(-1)).toMatchObject({
      outcome: 'failure',
      actor_id: user.id,
      details: { reason: 'refresh_token_reused' },
    });
  });

  it('should answer 401 for an unknown token and 400 for a missing one', async () => {
    expectError(await refresh('x'.repeat(43)), 401, 'INVALID_REFRESH_TOKEN');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: {} });
    const error = expectError(res, 400, 'VALIDATION_FAILED');
    expect(error.details?.[0].path).toBe('/body/refreshToken');
  });
});

describe('access tokens', () => {
  async function token(secret: Uint8Array, user: TestUser, patch: (jwt: SignJWT) => SignJWT) {
    const sid = (await me(user.auth)).json().data.credential.sessionId;
    const jwt = new SignJWT({ sid, roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer('lectern')
      .setAudience('lectern-api')
      .setJti('j')
      .setIssuedAt();
    return patch(jwt).sign(secret);
  }

  it('should refuse expired, foreign-signed and garbage tokens with 401', async () => {
    const user = await createUserAndLogin(t);
    const secret = t.app.lectern.jwtSecret;
    const expired = await token(secret, user, (j) =>
      j
        .setIssuedAt(Math.floor(Date.now() / 1000) - 100)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 10),
    );
    expectError(await me(bearer(expired)), 401, 'TOKEN_EXPIRED');
    const foreign = await token(new TextEncoder().encode('x'.repeat(48)), user, (j) =>
      j.setExpirationTime('5m'),
    );
    expectError(await me(bearer(foreign)), 401, 'INVALID_TOKEN');
    expectError(await me(bearer('not.a.jwt')), 401, 'INVALID_TOKEN');
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${user.accessToken.split('.')[1]}.`;
    expectError(await me(bearer(unsigned)), 401, 'INVALID_TOKEN');
  });

  it('should take roles from the database, not from the token', async () => {
    const user = await createUserAndLogin(t);
    const forged = await token(t.app.lectern.jwtSecret, user, (j) => j.setExpirationTime('5m'));
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: bearer(forged),
    });
    expectError(res, 403, 'PERMISSION_DENIED');
  });
});

describe('POST /api/v1/auth/logout', () => {
  it('should end the session: its access and refresh tokens stop working', async () => {
    const user = await createUserAndLogin(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: user.auth,
    });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expectError(await me(user.auth), 401, 'SESSION_REVOKED');
    expectError(await refresh(user.refreshToken), 401, 'INVALID_REFRESH_TOKEN');
    const rows = await auditRows(t, 'auth.logout');
    expect(rows.at(-1)).toMatchObject({ actor_id: user.id, resource_type: 'session' });
  });

  it('should answer 401 without credentials', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout' });
    expectError(res, 401, 'UNAUTHORIZED');
  });
});

describe('sessions', () => {
  it('should list own live sessions, newest first, marking the current one', async () => {
    const user = await createUserAndLogin(t);
    const second = await login(t, user.email, user.password);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/sessions?limit=1',
      headers: second.auth,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({ current: true, ip: '127.0.0.1' });
    expect(body.meta).toEqual({ nextCursor: expect.any(String), limit: 1 });
    expect(res.headers.link).toContain('rel="next"');
    const next = await t.app.inject({
      method: 'GET',
      url: `/api/v1/auth/sessions?limit=1&cursor=${body.meta.nextCursor}`,
      headers: second.auth,
    });
    expect(next.json().data).toEqual([expect.objectContaining({ current: false })]);
    expect(next.json().meta.nextCursor).toBeNull();
  });

  it('should answer 400 INVALID_CURSOR for a cursor it did not produce', async () => {
    const user = await createUserAndLogin(t);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/sessions?cursor=garbage',
      headers: user.auth,
    });
    expectError(res, 400, 'INVALID_CURSOR');
  });

  it('should revoke one own session, whose access token then gets 401', async () => {
    const user = await createUserAndLogin(t);
    const other = await login(t, user.email, user.password);
    const sid = (await me(other.auth)).json().data.credential.sessionId;
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/sessions/${sid}`,
      headers: user.auth,
    });
    expect(res.statusCode).toBe(204);
    expectError(await me(other.auth), 401, 'SESSION_REVOKED');
    expect((await me(user.auth)).statusCode).toBe(200);
    expect((await auditRows(t, 'session.revoked')).at(-1)).toMatchObject({
      resource_id: sid,
      actor_id: user.id,
      outcome: 'success',
    });
  });

  it("should answer 404 for another user's session exactly as for an unknown one, and 400 for bad ids", async () => {
    const owner = await createUserAndLogin(t);
    const intruder = await createUserAndLogin(t);
    const sid = (await me(owner.auth)).json().data.credential.sessionId;
    const del = (id: string) =>
      t.app.inject({
        method: 'DELETE',
        url: `/api/v1/auth/sessions/${id}`,
        headers: intruder.auth,
      });
    const someoneElses = await del(sid);
    const unknown = await del('01900000-0000-7000-8000-000000000000');
    expect(expectError(someoneElses, 404, 'SESSION_NOT_FOUND')).toEqual(
      expectError(unknown, 404, 'SESSION_NOT_FOUND'),
    );
    expect(someoneElses.body.replace(/"requestId":"[^"]+"/, '')).toBe(
      unknown.body.replace(/"requestId":"[^"]+"/, ''),
    );
    expect((await me(owner.auth)).statusCode).toBe(200);
    expectError(await del('nope'), 400, 'VALIDATION_FAILED');
    const anon = await t.app.inject({ method: 'DELETE', url: `/api/v1/auth/sessions/${sid}` });
    expectError(anon, 401, 'UNAUTHORIZED');
  });

  it('should let an admin end anyone’s session', async () => {
    const admin = await createUserAndLogin(t, ['admin']);
    const user = await createUserAndLogin(t);
    const sid = (await me(user.auth)).json().data.credential.sessionId;
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/sessions/${sid}`,
      headers: admin.auth,
    });
    expect(res.statusCode).toBe(204);
    expectError(await me(user.auth), 401, 'SESSION_REVOKED');
  });

  it('should revoke all other sessions, keeping the current one unless asked', async () => {
    const user = await createUserAndLogin(t);
    const b = await login(t, user.email, user.password);
    const c = await login(t, user.email, user.password);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sessions/revoke-all',
      headers: user.auth,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, data: { revoked: 2 } });
    expectError(await me(b.auth), 401, 'SESSION_REVOKED');
    expectError(await me(c.auth), 401, 'SESSION_REVOKED');
    expect((await me(user.auth)).statusCode).toBe(200);
    expect((await auditRows(t, 'session.revoked_all')).at(-1)).toMatchObject({
      actor_id: user.id,
      details: { revoked: 2, keptCurrent: true },
    });
    const all = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sessions/revoke-all?keepCurrent=false',
      headers: user.auth,
    });
    expect(all.json().data).toEqual({ revoked: 1 });
    expectError(await me(user.auth), 401, 'SESSION_REVOKED');
  });

  it('should answer 400 for a bad keepCurrent and 401 without credentials', async () => {
    const user = await createUserAndLogin(t);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sessions/revoke-all?keepCurrent=maybe',
      headers: user.auth,
    });
    expectError(bad, 400, 'VALIDATION_FAILED');
    const anon = await t.app.inject({ method: 'GET', url: '/api/v1/auth/sessions' });
    expectError(anon, 401, 'UNAUTHORIZED');
  });
});

describe('GET /api/v1/auth/permissions/check', () => {
  it('should say whether the caller holds a permission', async () => {
    const user = await createUserAndLogin(t, ['staff']);
    const check = (permission: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/auth/permissions/check?permission=${permission}`,
        headers: user.auth,
      });
    expect((await check('users:read')).json()).toEqual({
      ok: true,
      data: { permission: 'users:read', allowed: true },
    });
    expect((await check('roles:manage')).json().data.allowed).toBe(false);
    const unknown = expectError(await check('nope:nope'), 400, 'UNKNOWN_PERMISSION');
    expect(unknown.details?.[0].path).toBe('/querystring/permission');
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/permissions/check',
      headers: user.auth,
    });
    expectError(missing, 400, 'VALIDATION_FAILED');
    const anon = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/permissions/check?permission=users:read',
    });
    expectError(anon, 401, 'UNAUTHORIZED');
  });
});

describe('the credential cache', () => {
  const meCounted = (headers: Record<string, string>) =>
    countQueries(t, (requestId) => me({ ...headers, 'x-request-id': requestId }));

  it('should answer GET /auth/me for a warm session without a database query', async () => {
    const user = await createUserAndLogin(t);
    expect((await meCounted(user.auth)).response.statusCode).toBe(200);
    const warm = await meCounted(user.auth);
    expect(warm.response.statusCode).toBe(200);
    expect(warm.response.json().data.user).toMatchObject({ id: user.id, roles: ['learner'] });
    expect(warm.statements).toEqual([]);
  });

  it('should authenticate a warm API key without a database query', async () => {
    const user = await createUserAndLogin(t, ['instructor']);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: user.auth,
      payload: { name: 'ci', scopes: ['courses:read'] },
    });
    expect(created.statusCode).toBe(201);
    const key = { 'x-api-key': created.json().data.key };
    expect((await meCounted(key)).response.statusCode).toBe(200);
    const warm = await meCounted(key);
    expect(warm.response.json().data).toMatchObject({
      permissions: ['courses:read'],
      credential: { type: 'api_key' },
    });
    expect(warm.statements).toEqual([]);
  });

  it('should refuse a warm session at once when it is revoked, ended by reuse or logged out', async () => {
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => createUserAndLogin(t)));
    for (const user of [a, b, c]) expect((await me(user!.auth)).statusCode).toBe(200);
    const sid = (await me(a!.auth)).json().data.credential.sessionId;
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/sessions/${sid}`,
      headers: a!.auth,
    });
    expect(revoked.statusCode).toBe(204);
    expectError(await me(a!.auth), 401, 'SESSION_REVOKED');

    await refresh(b!.refreshToken);
    expectError(await refresh(b!.refreshToken), 401, 'REFRESH_TOKEN_REUSED');
    expectError(await me(b!.auth), 401, 'SESSION_REVOKED');

    const out = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: c!.auth,
    });
    expect(out.statusCode).toBe(204);
    expectError(await me(c!.auth), 401, 'SESSION_REVOKED');
  });

  it('should refuse a warm API key at once when it is revoked', async () => {
    const user = await createUserAndLogin(t, ['instructor']);
    const created = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        headers: user.auth,
        payload: { name: 'ci', scopes: ['courses:read'] },
      })
    ).json().data;
    const key = { 'x-api-key': created.key };
    expect((await me(key)).statusCode).toBe(200);
    expect((await me(key)).statusCode).toBe(200);
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${created.id}`,
      headers: user.auth,
    });
    expect(res.statusCode).toBe(204);
    expectError(await me(key), 401, 'INVALID_API_KEY');
  });

  it('should apply a role change to a warm session at once', async () => {
    const admin = await createUserAndLogin(t, ['admin']);
    const user = await createUserAndLogin(t, ['learner']);
    expect((await me(user.auth)).json().data.user.roles).toEqual(['learner']);
    const changed = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${user.id}/roles`,
      headers: admin.auth,
      payload: { roles: ['instructor'] },
    });
    expect(changed.statusCode).toBe(200);
    const after = (await me(user.auth)).json().data;
    expect(after.user.roles).toEqual(['instructor']);
    expect(after.permissions).toContain('courses:create');
  });
});

describe('POST /api/v1/auth/password', () => {
  const change = (user: TestUser, payload: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: user.auth, payload });
  const NEW_PASSWORD = 'a-new-and-long-Passw0rd';

  it('should change the password, end the other sessions and keep this one', async () => {
    const user = await createUserAndLogin(t);
    const other = await login(t, user.email, user.password);
    expect((await me(other.auth)).statusCode).toBe(200);
    const res = await change(user, { currentPassword: user.password, newPassword: NEW_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual({ revoked: 1 });
    expect((await me(user.auth)).statusCode).toBe(200);
    expectError(await me(other.auth), 401, 'SESSION_REVOKED');
    expectError(await refresh(other.refreshToken), 401, 'INVALID_REFRESH_TOKEN');
    await login(t, user.email, NEW_PASSWORD);
    const old = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: user.password },
    });
    expectError(old, 401, 'INVALID_CREDENTIALS');
    expect((await auditRows(t, 'auth.password_changed')).at(-1)).toMatchObject({
      outcome: 'success',
      actor_id: user.id,
      resource_id: user.id,
      details: { revokedSessions: 1 },
    });
  });

  it('should refuse a wrong current password and a weak new one, changing nothing', async () => {
    const user = await createUserAndLogin(t);
    const other = await login(t, user.email, user.password);
    const wrong = expectError(
      await change(user, { currentPassword: 'not-my-password', newPassword: NEW_PASSWORD }),
      400,
      'INVALID_CURRENT_PASSWORD',
    );
    expect(wrong.details?.[0]?.path).toBe('/body/currentPassword');
    const weak = expectError(
      await change(user, { currentPassword: user.password, newPassword: 'password123' }),
      400,
      'WEAK_PASSWORD',
    );
    expect(weak.details?.[0]?.path).toBe('/body/newPassword');
    const missing = expectError(
      await change(user, { currentPassword: user.password }),
      400,
      'VALIDATION_FAILED',
    );
    expect(missing.details?.[0]?.path).toBe('/body/newPassword');
    expect((await me(other.auth)).statusCode).toBe(200);
    await login(t, user.email, user.password);
  });

  it('should throttle guesses of the current password without locking the owner out of sign-in', async () => {
    const user = await createUserAndLogin(t);
    for (let i = 0; i < 5; i++)
      expectError(
        await change(user, { currentPassword: `guess-${i}`, newPassword: NEW_PASSWORD }),
        400,
        'INVALID_CURRENT_PASSWORD',
      );
    const throttled = expectError(
      await change(user, { currentPassword: user.password, newPassword: NEW_PASSWORD }),
      429,
      'LOGIN_THROTTLED',
    );
    expect(throttled).toBeDefined();
    await login(t, user.email, user.password);
  });

  it('should answer 401 without credentials and 403 for an API key', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: 'x', newPassword: NEW_PASSWORD },
    });
    expectError(res, 401, 'UNAUTHORIZED');
    const user = await createUserAndLogin(t, ['instructor']);
    const { key } = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        headers: user.auth,
        payload: { name: 'ci', scopes: ['courses:read'] },
      })
    ).json().data;
    const byKey = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { 'x-api-key': key },
      payload: { currentPassword: user.password, newPassword: NEW_PASSWORD },
    });
    expectError(byKey, 403, 'USER_SESSION_REQUIRED');
  });
});
