import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, type TestUser } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

// A bogus credential is refused before any route runs; without this, guessing API keys or
// tokens (each guess a database lookup) was never limited.
describe('failed authentication and the anonymous budget', () => {
  const BUDGET = 3;
  const bogusKey = `lk_0123abcd_${'x'.repeat(43)}`;
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_ANON: String(BUDGET), RATE_LIMIT_AUTH: '100' });
    user = await createUserAndLogin(t);
  });
  afterAll(() => t.close());

  const me = (ip: string, headers: Record<string, string> = {}, url = '/api/v1/auth/me') =>
    t.app.inject({ method: 'GET', url, remoteAddress: ip, headers });

  const expectLimited = (res: Awaited<ReturnType<typeof me>>) => {
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.json()).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
      requestId: res.headers['x-request-id'],
    });
  };

  it('should answer 429 once a bogus X-API-Key has spent the per-IP budget', async () => {
    const ip = '10.9.0.1';
    for (let i = 0; i < BUDGET; i++) {
      const res = await me(ip, { 'x-api-key': bogusKey });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('INVALID_API_KEY');
      expect(res.headers['x-ratelimit-remaining']).toBe(String(BUDGET - 1 - i));
    }
    expectLimited(await me(ip, { 'x-api-key': bogusKey }));
  });

  it('should count a malformed API key too', async () => {
    const ip = '10.9.0.2';
    for (let i = 0; i < BUDGET; i++)
      expect((await me(ip, { 'x-api-key': 'not-a-key' })).statusCode).toBe(401);
    expectLimited(await me(ip, { 'x-api-key': 'not-a-key' }));
  });

  it('should count a bogus API key sent as HTTP Basic (the LRS) against the same budget', async () => {
    const ip = '10.9.0.9';
    const basic = {
      authorization: `Basic ${Buffer.from(`lk_0123abcd:${'x'.repeat(43)}`).toString('base64')}`,
      'x-experience-api-version': '2.0.0',
    };
    for (let i = 0; i < BUDGET; i++) {
      const res = await me(ip, basic, '/xapi/statements');
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Basic/);
    }
    expectLimited(await me(ip, basic, '/xapi/statements'));
  });

  it('should answer 429 once a bogus bearer token has spent the per-IP budget', async () => {
    const ip = '10.9.0.3';
    const bogus = { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' };
    for (let i = 0; i < BUDGET; i++) {
      const res = await me(ip, bogus);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('INVALID_TOKEN');
    }
    expectLimited(await me(ip, bogus));
    // A malformed Authorization header is a failed attempt as well.
    expectLimited(await me(ip, { authorization: 'Basic Zm9vOmJhcg==' }));
  });

  it('should spend the same budget as anonymous requests, on unknown routes too', async () => {
    const ip = '10.9.0.4';
    expect((await me(ip, {}, '/api/v1/courses')).headers['x-ratelimit-remaining']).toBe(
      String(BUDGET - 1),
    );
    expect((await me(ip, { 'x-api-key': bogusKey }, '/nope')).statusCode).toBe(401);
    expect((await me(ip, { 'x-api-key': bogusKey })).statusCode).toBe(401);
    expectLimited(await me(ip, {}, '/api/v1/courses'));
  });

  it('should leave a signed-in user from the same address unaffected', async () => {
    const ip = '10.9.0.5';
    for (let i = 0; i <= BUDGET; i++) await me(ip, { 'x-api-key': bogusKey });
    expectLimited(await me(ip, { 'x-api-key': bogusKey }));
    const res = await me(ip, user.auth);
    expect(res.statusCode).toBe(200);
    expect(res.json().data.user.id).toBe(user.id);
    expect(res.headers['x-ratelimit-limit']).toBe('100');
  });
});
