import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const INDEX = '<!doctype html><html><body><div id="root"></div></body></html>';
const html = { accept: 'text/html,application/xhtml+xml' };

describe('the dashboard served at /', () => {
  let t: TestApp;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'lectern-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), INDEX);
    writeFileSync(join(root, 'assets/index-abc123.js'), 'console.info(1)');
    t = await buildTestApp({}, { webRoot: root });
  });
  afterAll(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('should serve index.html at / with a policy allowing nothing external', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/', headers: html });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(INDEX);
    expect(res.headers['cache-control']).toBe('no-cache');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/https?:|ws:|wss:/);
  });

  it('should cache hashed assets for a year', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('should answer a client route with index.html', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/courses/some-course?tab=outline',
      headers: html,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(INDEX);
  });

  it.each([
    '/api/v1/nope',
    '/docs/nope',
    '/ws/nope',
    '/xapi/nope',
    '/vo/nope',
    '/calendars/nope',
    '/health/nope',
    '/ready/nope',
    '/metrics/nope',
    '/assets/missing.js',
  ])('should leave %s to the API 404', async (url) => {
    const res = await t.app.inject({ method: 'GET', url, headers: html });
    expect(res.statusCode).toBe(404);
    expect(res.json().ok).toBe(false);
  });

  it('should not shadow the server routes', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/health', headers: html });
    expect(health.statusCode).toBe(200);
    expect(health.body).not.toBe(INDEX);
    const doc = await t.app.inject({ method: 'GET', url: '/openapi.json', headers: html });
    expect(doc.json().openapi).toBe('3.1.0');
    const courses = await t.app.inject({ method: 'GET', url: '/api/v1/courses' });
    expect(courses.json().ok).toBe(true);
  });

  it('should answer a 404, not the page, to a non-HTML client', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/nope',
      headers: { accept: 'application/json' },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('the server without a built dashboard', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({}, { webRoot: join(tmpdir(), 'lectern-no-web-build') });
  });
  afterAll(async () => t.close());

  it('should send a browser at / to the API docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/', headers: html });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/docs/');
  });
});
