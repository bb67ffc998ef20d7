import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPublishedCourse } from '../helpers/catalog-factories.js';
import { createUserAndLogin, expectError, type TestUser } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

// The database goes away under a running app: PGlite closed, or (under `npm run test:services`)
// the PostgreSQL pool ended. Every request that needs it is a 503 to retry, never a 500.
describe('a database outage', () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await buildTestApp();
    user = await createUserAndLogin(t, ['instructor']);
    await insertPublishedCourse(t, user.id);
    await t.database.close();
  });
  afterAll(async () => {
    // The database is already closed: closing it again may fail, which is not under test here.
    await t.app.close().catch(() => undefined);
  });

  const expectUnavailable = (res: Awaited<ReturnType<TestApp['app']['inject']>>) => {
    const error = expectError(res, 503, 'DEPENDENCY_UNAVAILABLE');
    expect(res.headers['retry-after']).toBe('5');
    expect(error.message).toBe('The database is unavailable; try again shortly');
    expect(res.body).not.toMatch(/select|PGlite|pool/i);
  };

  it('should answer an authenticated route with 503 DEPENDENCY_UNAVAILABLE and Retry-After', async () => {
    expectUnavailable(
      await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: user.auth }),
    );
  });

  it('should answer a public route with 503 DEPENDENCY_UNAVAILABLE and Retry-After', async () => {
    expectUnavailable(await t.app.inject({ method: 'GET', url: '/api/v1/courses?sort=title' }));
    expectUnavailable(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: user.email, password: user.password },
      }),
    );
  });

  it('should log it as a warning without the statement values', () => {
    const lines = t.logs.filter(
      (line) => line.msg === 'The database is unavailable; try again shortly',
    );
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.every((line) => line.level === 40)).toBe(true);
    expect(JSON.stringify(t.logs)).not.toContain(user.email);
    expect(t.logs.filter((line) => line.msg === 'unhandled error')).toEqual([]);
  });

  it('should still answer /health, and /ready with 503 NOT_READY', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    const ready = await t.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['retry-after']).toBe('5');
  });
});
