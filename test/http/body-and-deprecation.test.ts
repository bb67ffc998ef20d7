import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { conventionRoutes } from './test-routes.js';

describe('request bodies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ BODY_LIMIT: '2048' }, { routes: conventionRoutes });
  });
  afterAll(() => t.close());

  const echo = (payload: string, contentType = 'application/json') =>
    t.app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': contentType },
      payload,
    });

  it('should answer a body over BODY_LIMIT with a 413 envelope', async () => {
    const res = await echo(JSON.stringify({ name: 'x'.repeat(4096) }));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('should answer an unsupported content type with a 415 envelope', async () => {
    const res = await echo('name=x', 'application/x-www-form-urlencoded');
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('should answer malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await echo('{"name": ');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'MALFORMED_JSON' } });
  });

  it('should answer a body that breaks the schema with 400 and the field path', async () => {
    const res = await echo('{"nom": "x"}');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: '/body/name' }],
    });
  });

  it('should accept a valid body', async () => {
    const res = await echo('{"name":"ok"}');
    expect(res.statusCode).toBe(200);
    expect(res.json().data.name).toBe('ok');
  });
});

describe('deprecated routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({}, { routes: conventionRoutes });
  });
  afterAll(() => t.close());

  it('should send Deprecation, Sunset and a deprecation Link', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/test/old' });
    expect(res.statusCode).toBe(200);
    expect(res.headers.deprecation).toBe(`@${Date.parse('2026-06-01T00:00:00Z') / 1000}`);
    expect(res.headers.sunset).toBe('Sun, 31 Jan 2027 00:00:00 GMT');
    expect(res.headers.link).toBe(
      '<https://docs.example/migrate>; rel="deprecation"; type="text/html"',
    );
  });

  it('should mark the operation deprecated in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.paths['/test/old'].get.deprecated).toBe(true);
    expect(doc.paths['/test/items/{id}'].get.deprecated).toBeUndefined();
  });
});
