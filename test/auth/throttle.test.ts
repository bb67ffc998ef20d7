import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredAuthData } from '#platform/auth/index.js';
import {
  auditRows,
  countRows,
  createUserAndLogin,
  expectError,
  PASSWORD,
} from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const login = (email: string, password: string, ip = '127.0.0.1') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress: ip,
  });

describe('login throttling', () => {
  it('should block an account after 5 failures with 429 and Retry-After, even for the right password', async () => {
    const user = await createUserAndLogin(t);
    const auditBefore = (await auditRows(t, 'auth.login')).length;
    for (let i = 0; i < 5; i++)
      expectError(await login(user.email, 'wrong-password-x'), 401, 'INVALID_CREDENTIALS');
    const blocked = await login(user.email, PASSWORD);
    expectError(blocked, 429, 'LOGIN_THROTTLED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const failures = (await auditRows(t, 'auth.login')).slice(auditBefore);
    expect(failures).toHaveLength(6);
    expect(failures.every((r) => r.outcome === 'failure')).toBe(true);
    expect(failures.at(-1)?.details).toMatchObject({ reason: 'throttled' });
  });

  it('should grow the block with each further failure and clear the account on success', async () => {
    const user = await createUserAndLogin(t);
    for (let i = 0; i < 5; i++) await login(user.email, 'wrong-password-x', '10.0.0.2');
    await sleep(1100);
    // The 6th failure blocks for 2 s.
    await login(user.email, 'wrong-password-x', '10.0.0.2');
    const blocked = await login(user.email, PASSWORD, '10.0.0.2');
    expectError(blocked, 429, 'LOGIN_THROTTLED');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
    await sleep(2100);
    expect((await login(user.email, PASSWORD, '10.0.0.2')).statusCode).toBe(200);
    const [row] = await t.database.query<{ n: number }>(
      "select count(*)::int as n from login_failures where key = 'account:' || lower($1)",
      [user.email],
    );
    expect(row.n).toBe(0);
  }, 20_000);

  it('should block an address after many failures across accounts', async () => {
    const user = await createUserAndLogin(t);
    const before = await countRows(t, 'auth_sessions');
    for (let i = 0; i < 20; i++)
      await login(`nobody-${i}@example.org`, 'wrong-password-x', '10.9.9.9');
    expectError(await login(user.email, PASSWORD, '10.9.9.9'), 429, 'LOGIN_THROTTLED');
    expect(await countRows(t, 'auth_sessions')).toBe(before);
  });
});

describe('login throttling under parallel attack', () => {
  it('should evaluate at most the allowance of 30 parallel wrong passwords, refuse the rest with 429, and let the owner in from elsewhere', async () => {
    const user = await createUserAndLogin(t);
    const badPasswords = async () =>
      (await auditRows(t, 'auth.login')).filter(
        (r) => r.details?.email === user.email && r.details?.reason === 'bad_password',
      ).length;
    const results = await Promise.all(
      Array.from({ length: 30 }, () => login(user.email, 'wrong-password-x', '10.7.7.7')),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(await badPasswords()).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 401)).toHaveLength(await badPasswords());
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - (await badPasswords()));
    for (const res of results.filter((r) => r.statusCode === 429))
      expectError(res, 429, 'LOGIN_THROTTLED');
    // The owner, elsewhere, is not locked out.
    const owner = await login(user.email, PASSWORD, '10.8.8.8');
    expect(owner.statusCode).toBe(200);
  }, 30_000);

  it('should not let attempts from many addresses lock the owner out', async () => {
    const user = await createUserAndLogin(t);
    for (let i = 0; i < 4; i++)
      await Promise.all(
        Array.from({ length: 6 }, () => login(user.email, 'wrong-password-x', `10.6.0.${i}`)),
      );
    expect((await login(user.email, PASSWORD, '10.6.1.1')).statusCode).toBe(200);
  }, 30_000);
});

describe('purgeExpiredAuthData', () => {
  it('should delete ended sessions with their refresh tokens, and quiet failure counters', async () => {
    const user = await createUserAndLogin(t);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: user.auth });
    await t.database.query(
      "update login_failures set last_failed_at = now() - interval '2 hours', blocked_until = null",
    );
    const live = await createUserAndLogin(t);
    const result = await purgeExpiredAuthData(t.database.db, 0);
    expect(result.sessions).toBeGreaterThanOrEqual(1);
    expect(result.failures).toBeGreaterThanOrEqual(1);
    expect(await countRows(t, 'login_failures')).toBe(0);
    const [row] = await t.database.query<{ n: number }>(
      'select count(*)::int as n from refresh_tokens r join auth_sessions s on s.id = r.session_id where s.user_id = $1',
      [user.id],
    );
    expect(row.n).toBe(0);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: live.auth });
    expect(me.statusCode).toBe(200);
  });
});
