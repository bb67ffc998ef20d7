import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, expectError, type TestUser } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let user: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  user = await createUserAndLogin(t, ['instructor']);
});
afterAll(() => t.close());

const csrf = { 'x-lectern-csrf': '1' };

const cookieLogin = (
  headers: Record<string, string> = {},
  payload = {
    email: user.email,
    password: user.password,
  },
) => t.app.inject({ method: 'POST', url: '/api/v1/auth/cookie/login', headers, payload });

const refresh = (headers: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/cookie/refresh', headers });

function refreshCookie(res: { headers: Record<string, unknown> }): {
  header: string;
  value: string;
} {
  const header = String(res.headers['set-cookie']);
  const value = /^lectern_refresh=([^;]*)/.exec(header)?.[1] ?? '';
  return { header, value };
}

describe('cookie sessions (/auth/cookie/*)', () => {
  it('should set an httpOnly SameSite=Strict cookie scoped to the cookie routes and return no refresh token', async () => {
    const res = await cookieLogin({ ...csrf, host: 'school.example.org' });
    expect(res.statusCode).toBe(200);
    const body = res.json().data;
    expect(body.accessToken).toEqual(expect.any(String));
    expect(body).not.toHaveProperty('refreshToken');
    expect(body.user.email).toBe(user.email);
    const { header, value } = refreshCookie(res);
    expect(value.length).toBeGreaterThan(10);
    expect(header).toContain('HttpOnly');
    expect(header).toContain('SameSite=Strict');
    expect(header).toContain('Path=/api/v1/auth/cookie');
    expect(header).toContain('Secure');
  });

  it('should leave Secure off on plain localhost so the browser keeps the cookie', async () => {
    const res = await cookieLogin({ ...csrf, host: 'localhost:3000' });
    expect(res.statusCode).toBe(200);
    expect(refreshCookie(res).header).not.toContain('Secure');
  });

  it('should refuse every cookie route without the CSRF header and set no cookie', async () => {
    const res = await cookieLogin({});
    expectError(res, 403, 'CSRF_HEADER_REQUIRED');
    expect(res.headers['set-cookie']).toBeUndefined();
    expectError(await refresh({ cookie: 'lectern_refresh=whatever' }), 403, 'CSRF_HEADER_REQUIRED');
  });

  it('should refuse wrong credentials and a body missing the password with the field named', async () => {
    expectError(
      await cookieLogin(csrf, { email: user.email, password: 'not-it' }),
      401,
      'INVALID_CREDENTIALS',
    );
    const res = await cookieLogin(csrf, { email: user.email } as never);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('password');
  });

  it('should rotate the cookie on refresh, give a working access token, and end the session on reuse', async () => {
    const first = refreshCookie(await cookieLogin(csrf));
    const renewed = await refresh({ ...csrf, cookie: `lectern_refresh=${first.value}` });
    expect(renewed.statusCode).toBe(200);
    const second = refreshCookie(renewed);
    expect(second.value).not.toBe(first.value);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${renewed.json().data.accessToken}` },
    });
    expect(me.statusCode).toBe(200);
    const reused = await refresh({ ...csrf, cookie: `lectern_refresh=${first.value}` });
    expectError(reused, 401, 'REFRESH_TOKEN_REUSED');
    expect(refreshCookie(reused).header).toContain('Max-Age=0');
    expectError(
      await refresh({ ...csrf, cookie: `lectern_refresh=${second.value}` }),
      401,
      'INVALID_REFRESH_TOKEN',
    );
  });

  it('should answer 401 NO_SESSION_COOKIE when there is no cookie', async () => {
    expectError(await refresh({ ...csrf, cookie: 'other=1' }), 401, 'NO_SESSION_COOKIE');
  });

  it('should end the session and clear the cookie on logout', async () => {
    const signedIn = await cookieLogin(csrf);
    const { value } = refreshCookie(signedIn);
    const auth = { authorization: `Bearer ${signedIn.json().data.accessToken}` };
    expectError(
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/cookie/logout', headers: auth }),
      403,
      'CSRF_HEADER_REQUIRED',
    );
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/cookie/logout',
      headers: { ...auth, ...csrf },
    });
    expect(out.statusCode).toBe(204);
    expect(refreshCookie(out).header).toContain('Max-Age=0');
    expect((await refresh({ ...csrf, cookie: `lectern_refresh=${value}` })).statusCode).toBe(401);
  });
});
