import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { conventionRoutes } from '../http/test-routes.js';

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(
      { RATE_LIMIT_ANON: '3', RATE_LIMIT_AUTH: '5' },
      { routes: conventionRoutes },
    );
  });
  afterAll(() => t.close());

  const get = (url: string, user?: string, ip = '10.0.0.1') =>
    t.app.inject({
      method: 'GET',
      url,
      remoteAddress: ip,
      headers: user ? { 'x-test-user': user } : {},
    });

  it('should allow RATE_LIMIT_ANON requests a minute per IP, then answer 429 with Retry-After', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await get('/test/items/1');
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBe('3');
      expect(res.headers['x-ratelimit-remaining']).toBe(String(2 - i));
    }
    const limited = await get('/test/items/1');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
      requestId: limited.headers['x-request-id'],
    });
  });

  it('should give each signed-in user their own RATE_LIMIT_AUTH budget, whatever the IP', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await get('/test/items/1', 'user-1', `10.0.1.${i}`)).statusCode).toBe(200);
    }
    expect((await get('/test/items/1', 'user-1', '10.0.1.99')).statusCode).toBe(429);
    expect((await get('/test/items/1', 'user-2', '10.0.1.99')).statusCode).toBe(200);
  });

  it('should rate-limit unknown routes too', async () => {
    const ip = '10.0.2.1';
    for (let i = 0; i < 3; i++) expect((await get('/nope', undefined, ip)).statusCode).toBe(404);
    const limited = await get('/nope', undefined, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
  });

  it('should never limit the probes', async () => {
    const ip = '10.0.3.1';
    for (let i = 0; i < 6; i++) {
      expect((await get('/health', undefined, ip)).statusCode).toBe(200);
      expect((await get('/metrics', undefined, ip)).statusCode).toBe(200);
    }
  });
});
