import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

// Helmet's headers are worked out once at start-up rather than by helmet on every request.
describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });

  it('should send helmet headers on successes, unknown routes and refusals alike', async () => {
    for (const [url, headers, status] of [
      ['/health', {}, 200],
      ['/api/v1/courses', {}, 200],
      ['/nope', {}, 404],
      ['/api/v1/auth/me', { authorization: 'Bearer nope' }, 401],
    ] as const) {
      const res = await get(url, headers);
      expect(res.statusCode).toBe(status);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
      expect(res.headers['content-security-policy']).toMatch(/connect-src 'self'(;|$)/);
      expect(res.headers['x-request-id']).toBeTruthy();
    }
  });

  it('should let the docs UI send its own Content-Security-Policy', async () => {
    const res = await get('/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain('validator.swagger.io');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
