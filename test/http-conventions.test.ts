import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers/test-app.js';

describe('HTTP conventions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('should answer an unknown route with a 404 envelope carrying the request id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    const body = res.json();
    expect(body).toEqual({
      ok: false,
      error: { code: 'ROUTE_NOT_FOUND', message: 'No route GET /api/v1/nope' },
      requestId: res.headers['x-request-id'],
    });
  });

  it('should answer router errors (an over-long path segment, a bad URL) with a 400 envelope', async () => {
    for (const [url, code] of [
      [`/api/v1/users/${'a'.repeat(150)}`, 'PATH_SEGMENT_TOO_LONG'],
      ['/api/v1/users/%E0%A4%A', 'BAD_URL'],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json()).toMatchObject({
        ok: false,
        error: { code },
        requestId: res.headers['x-request-id'],
      });
    }
  });

  it('should echo a sane X-Request-Id and put it in the log lines of the request', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/nope',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(res.headers['x-request-id']).toBe('abc-123');
    const line = t.logs.find((l) => l.msg === 'request completed' && l.requestId === 'abc-123');
    expect(line).toMatchObject({ statusCode: 404, method: 'GET' });
  });

  it('should replace an unsafe X-Request-Id with a generated one', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/nope',
      headers: { 'x-request-id': 'a b\u0001' },
    });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should serve an OpenAPI 3.1 document and the docs UI', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(doc.json().openapi).toBe('3.1.0');
    const docs = await t.app.inject({ method: 'GET', url: '/docs' });
    expect(docs.statusCode).toBe(200);
  });
});
