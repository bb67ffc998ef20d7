import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries } from '../helpers/count-queries.js';
import { createUserAndLogin, expectError, login, type TestUser } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

// Each process remembers the access tokens it verified, until their exp. These tests send the
// same token again and again, so every request after the first is served from that memory.

let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await createUserAndLogin(t, ['admin']);
});
afterAll(() => t.close());

const me = (headers: Record<string, string>) =>
  t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('a cached access token', () => {
  it('should be refused at once when its session is revoked from another session', async () => {
    const user = await createUserAndLogin(t);
    const other = await login(t, user.email, user.password);
    expect((await me(user.auth)).statusCode).toBe(200);
    expect((await me(user.auth)).statusCode).toBe(200);
    const sid = (await me(user.auth)).json().data.credential.sessionId;
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/sessions/${sid}`,
      headers: other.auth,
    });
    expect(res.statusCode).toBe(204);
    expectError(await me(user.auth), 401, 'SESSION_REVOKED');
    expect((await me(other.auth)).statusCode).toBe(200);
  });

  it('should be refused at once when its user is disabled, and stay refused', async () => {
    const user = await createUserAndLogin(t);
    expect((await me(user.auth)).statusCode).toBe(200);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${user.id}/disable`,
      headers: admin.auth,
    });
    expect(res.statusCode).toBe(200);
    expectError(await me(user.auth), 401, 'SESSION_REVOKED');
    expectError(await me(user.auth), 401, 'SESSION_REVOKED');
  });

  it('should be refused as expired from its exp on, though it was verified before', async () => {
    const user = await createUserAndLogin(t);
    const { sessionId } = (await me(user.auth)).json().data.credential;
    const exp = Math.floor(Date.now() / 1000) + 2;
    const token = await new SignJWT({ sid: sessionId, roles: ['learner'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer('lectern')
      .setAudience('lectern-api')
      .setJti('short-lived')
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(t.app.lectern.jwtSecret);
    expect((await me(bearer(token))).statusCode).toBe(200);
    const warm = await countQueries(t, (requestId) =>
      me({ ...bearer(token), 'x-request-id': requestId }),
    );
    expect(warm.response.statusCode).toBe(200);
    expect(warm.statements).toEqual([]);

    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now()));
    expectError(await me(bearer(token)), 401, 'TOKEN_EXPIRED');
  });

  it('should not make a token with a changed signature valid', async () => {
    const user = await createUserAndLogin(t);
    expect((await me(user.auth)).statusCode).toBe(200);
    const [header, payload, signature] = user.accessToken.split('.');
    const flipped = signature!.startsWith('A')
      ? `B${signature!.slice(1)}`
      : `A${signature!.slice(1)}`;
    expectError(await me(bearer(`${header}.${payload}.${flipped}`)), 401, 'INVALID_TOKEN');
  });
});
