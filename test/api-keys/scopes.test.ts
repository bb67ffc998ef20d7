import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCourse, insertLesson, insertSection } from '../helpers/catalog-factories.js';
import { countRows, createUserAndLogin, expectError, type TestUser } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let learner: TestUser;
let lessonId: string;
let sessionId: string;
beforeAll(async () => {
  t = await buildTestApp();
  learner = await createUserAndLogin(t, ['learner']);
  const instructor = await createUserAndLogin(t, ['instructor']);
  const course = await insertCourse(t, { ownerId: instructor.id, status: 'published' });
  const section = await insertSection(t, course.id);
  lessonId = (await insertLesson(t, section, { kind: 'video', videoUrl: 'https://v.example/1' }))
    .id;
  const enrol = await t.app.inject({
    method: 'POST',
    url: `/api/v1/courses/${course.id}/enrol`,
    headers: learner.auth,
  });
  expect(enrol.statusCode).toBeLessThan(300);
  const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: learner.auth });
  sessionId = me.json().data.credential.sessionId;
});
afterAll(() => t.close());

async function createKey(scopes: string[]) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/api-keys',
    payload: { name: `key ${scopes.join(' ')}`, scopes },
    headers: learner.auth,
  });
  expect(res.statusCode).toBe(201);
  return res.json().data as { id: string; key: string };
}
const withKey = (key: string, method: 'GET' | 'POST' | 'DELETE', url: string) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { 'x-api-key': key } });

describe('API-key scopes on routes acting on the owner', () => {
  it('should give a courses:read key nothing of its owner’s keys, sessions or learning', async () => {
    const reader = await createKey(['courses:read']);
    const other = await createKey(['courses:read']);
    const liveKeys = await countRows(t, 'api_keys where revoked_at is null');
    expectError(await withKey(reader.key, 'GET', '/api-keys'), 403, 'PERMISSION_DENIED');
    expectError(
      await withKey(reader.key, 'DELETE', `/api-keys/${other.id}`),
      403,
      'PERMISSION_DENIED',
    );
    expectError(await withKey(reader.key, 'GET', '/auth/sessions'), 403, 'USER_SESSION_REQUIRED');
    expectError(
      await withKey(reader.key, 'DELETE', `/auth/sessions/${sessionId}`),
      403,
      'PERMISSION_DENIED',
    );
    expectError(
      await withKey(reader.key, 'POST', '/auth/sessions/revoke-all'),
      403,
      'USER_SESSION_REQUIRED',
    );
    expectError(await withKey(reader.key, 'GET', '/me/courses'), 403, 'PERMISSION_DENIED');
    expectError(await withKey(reader.key, 'GET', '/jobs'), 403, 'PERMISSION_DENIED');
    expectError(await withKey(reader.key, 'GET', `/lessons/${lessonId}`), 403, 'NOT_ENROLLED');
    // Nothing changed: the keys and the session still work.
    expect(await countRows(t, 'api_keys where revoked_at is null')).toBe(liveKeys);
    expect((await withKey(other.key, 'GET', '/courses')).statusCode).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: learner.auth });
    expect(me.statusCode).toBe(200);
    // The session itself still reads the enrolled lesson.
    const lesson = await t.app.inject({
      method: 'GET',
      url: `/api/v1/lessons/${lessonId}`,
      headers: learner.auth,
    });
    expect(lesson.statusCode).toBe(200);
  });

  it('should let a key with the right scopes do just that', async () => {
    const account = await createKey(['account:read', 'account:manage']);
    const victim = await createKey(['courses:read']);
    const list = await withKey(account.key, 'GET', '/api-keys');
    expect(list.statusCode).toBe(200);
    expect(list.json().data.map((k: { id: string }) => k.id)).toContain(victim.id);
    expect((await withKey(account.key, 'GET', '/jobs')).statusCode).toBe(200);
    expect((await withKey(account.key, 'DELETE', `/api-keys/${victim.id}`)).statusCode).toBe(204);
    expectError(await withKey(victim.key, 'GET', '/courses'), 401, 'INVALID_API_KEY');
    // Sessions stay for signed-in sessions only, whatever the key's scopes.
    expectError(await withKey(account.key, 'GET', '/auth/sessions'), 403, 'USER_SESSION_REQUIRED');

    const learning = await createKey(['learning:read']);
    const courses = await withKey(learning.key, 'GET', '/me/courses');
    expect(courses.statusCode).toBe(200);
    expect(courses.json().data).toHaveLength(1);
    const lesson = await withKey(learning.key, 'GET', `/lessons/${lessonId}`);
    expect(lesson.statusCode).toBe(200);
  });

  it('should let every user reach their own account whatever their roles', async () => {
    const nobody = await createUserAndLogin(t, []);
    for (const url of ['/api-keys', '/auth/sessions', '/me/courses', '/jobs', '/auth/me'])
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: nobody.auth }))
          .statusCode,
      ).toBe(200);
  });
});

describe('route access declarations', () => {
  it('should refuse to start with an /api/v1 route that says nothing about who may call it', async () => {
    let refused: unknown;
    const other = await buildTestApp(
      {},
      {
        routes: (app) => {
          try {
            app.get(
              '/api/v1/forgotten',
              { schema: { response: { 200: Type.Null() } } },
              async () => null,
            );
          } catch (err) {
            refused = err;
          }
        },
      },
    );
    await other.close();
    expect(String(refused)).toMatch(/GET \/api\/v1\/forgotten declares no access/);
  });
});
