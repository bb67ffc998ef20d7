import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

describe('CORS', () => {
  let open: TestApp;
  let closed: TestApp;
  beforeAll(async () => {
    open = await buildTestApp({ CORS_ORIGINS: 'https://app.example.org' });
    closed = await buildTestApp();
  });
  afterAll(async () => {
    await open.close();
    await closed.close();
  });

  const get = (t: TestApp, origin: string) =>
    t.app.inject({ method: 'GET', url: '/api/v1/courses', headers: { origin } });

  it('should let an allowed origin read the response and its headers', async () => {
    const res = await get(open, 'https://app.example.org');
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example.org');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-expose-headers']).toContain('X-Request-Id');
    expect(res.headers['access-control-expose-headers']).toContain('X-RateLimit-Remaining');
  });

  it('should grant nothing to another origin', async () => {
    const res = await get(open, 'https://elsewhere.example.org');
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('should send no CORS headers at all when CORS_ORIGINS is empty', async () => {
    const res = await get(closed, 'https://app.example.org');
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });
});
