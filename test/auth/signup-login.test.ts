import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allLogText,
  auditRows,
  countRows,
  createUserAndLogin,
  expectError,
  PASSWORD,
  uniqueEmail,
} from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
const secrets: string[] = [PASSWORD];
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const signup = (payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload });
const login = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload, headers });

describe('POST /api/v1/auth/signup', () => {
  it('should create a learner and answer 201 with the user envelope', async () => {
    const email = uniqueEmail('signup');
    const res = await signup({ email, password: PASSWORD, name: 'Ada Lovelace' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toEqual({
      ok: true,
      data: {
        id: expect.any(String),
        email,
        name: 'Ada Lovelace',
        roles: ['learner'],
        disabled: false,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        version: 1,
      },
    });
    expect(JSON.stringify(body)).not.toContain('password');
    const [audit] = await auditRows(t, 'auth.signup');
    expect(audit).toMatchObject({ resource_id: body.data.id, actor_id: body.data.id });
    expect(audit.request_id).toBe(res.headers['x-request-id']);
  });

  it('should refuse an email already registered in another letter case with 409', async () => {
    const email = uniqueEmail('dup');
    expect((await signup({ email, password: PASSWORD, name: 'First' })).statusCode).toBe(201);
    const before = await countRows(t, 'users');
    const res = await signup({ email: email.toUpperCase(), password: PASSWORD, name: 'Second' });
    expectError(res, 409, 'EMAIL_TAKEN');
    expect(await countRows(t, 'users')).toBe(before);
  });

  it.each([
    ['short', 'short1!'],
    ['common', 'Password123'],
    ['repeated', 'aaaaaaaaaaaa'],
  ])('should refuse a %s password with 400 WEAK_PASSWORD', async (_label, password) => {
    const before = await countRows(t, 'users');
    const res = await signup({ email: uniqueEmail('weak'), password, name: 'Weak' });
    const error = expectError(res, 400, 'WEAK_PASSWORD');
    expect(error.details?.[0].path).toBe('/body/password');
    expect(await countRows(t, 'users')).toBe(before);
  });

  it('should answer 400 with field paths for an invalid body', async () => {
    const before = await countRows(t, 'users');
    const res = await signup({ email: 'not-an-email', password: PASSWORD });
    const error = expectError(res, 400, 'VALIDATION_FAILED');
    const paths = error.details?.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['/body/email', '/body/name']));
    const blank = await signup({ email: uniqueEmail('blank'), password: PASSWORD, name: '   ' });
    expect(expectError(blank, 400, 'VALIDATION_FAILED').details?.[0].path).toBe('/body/name');
    expect(await countRows(t, 'users')).toBe(before);
  });

  it('should answer 403 SIGNUP_CLOSED when sign-up is closed', async () => {
    const closed = await buildTestApp({ SIGNUP: 'closed' });
    try {
      const res = await closed.app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: { email: uniqueEmail('closed'), password: PASSWORD, name: 'Closed' },
      });
      expectError(res, 403, 'SIGNUP_CLOSED');
      expect(await countRows(closed, 'users')).toBe(0);
    } finally {
      await closed.close();
    }
  });
});

describe('POST /api/v1/auth/login', () => {
  it('should return an access token, a refresh token and the user', async () => {
    const email = uniqueEmail('login');
    await signup({ email, password: PASSWORD, name: 'Grace Hopper' });
    const res = await login({ email: email.toUpperCase(), password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const { data } = res.json();
    secrets.push(data.accessToken, data.refreshToken);
    expect(data).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      user: { email, roles: ['learner'] },
    });
    expect(data.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const claims = decodeJwt(data.accessToken);
    expect(claims).toMatchObject({
      sub: data.user.id,
      iss: 'lectern',
      aud: 'lectern-api',
      roles: ['learner'],
      sid: expect.any(String),
      jti: expect.any(String),
    });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(900);
    const rows = await auditRows(t, 'auth.login');
    expect(rows.at(-1)).toMatchObject({
      outcome: 'success',
      actor_id: data.user.id,
      resource_type: 'session',
      resource_id: claims.sid,
    });
  });

  it('should answer the same 401 for a wrong password and an unknown email, and audit both', async () => {
    const user = await createUserAndLogin(t);
    secrets.push(user.accessToken, user.refreshToken);
    const failuresBefore = (await auditRows(t, 'auth.login')).filter(
      (r) => r.outcome === 'failure',
    ).length;
    const wrong = await login({ email: user.email, password: 'not-the-password-1' });
    const unknown = await login({ email: uniqueEmail('ghost'), password: 'not-the-password-1' });
    const a = expectError(wrong, 401, 'INVALID_CREDENTIALS');
    const b = expectError(unknown, 401, 'INVALID_CREDENTIALS');
    expect(a.message).toBe(b.message);
    const failures = (await auditRows(t, 'auth.login')).filter((r) => r.outcome === 'failure');
    expect(failures.length).toBe(failuresBefore + 2);
    expect(failures.at(-2)).toMatchObject({ resource_id: user.id, actor_id: null });
    expect(JSON.stringify(failures)).not.toContain('not-the-password-1');
  });

  it('should answer 400 with field paths for a body without a password', async () => {
    const error = expectError(await login({ email: 'x@example.org' }), 400, 'VALIDATION_FAILED');
    expect(error.details?.map((d) => d.path)).toContain('/body/password');
  });
});

describe('GET /api/v1/auth/me', () => {
  it('should describe the caller with permissions and credential', async () => {
    const user = await createUserAndLogin(t, ['instructor']);
    secrets.push(user.accessToken, user.refreshToken);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: user.auth });
    expect(res.statusCode).toBe(200);
    const { data } = res.json();
    expect(data.user).toMatchObject({ id: user.id, roles: ['instructor'] });
    expect(data.permissions).toContain('courses:create');
    expect(data.permissions).not.toContain('users:read');
    expect(data.credential).toEqual({ type: 'user', sessionId: expect.any(String) });
  });

  it('should answer 401 without credentials and with a malformed header', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' }), 401, 'UNAUTHORIZED');
    expectError(
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { authorization: 'Basic abc' },
      }),
      401,
      'INVALID_TOKEN',
    );
  });
});

describe('logs', () => {
  it('should never contain passwords or tokens', () => {
    const text = allLogText(t);
    expect(text).toContain('request completed');
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
