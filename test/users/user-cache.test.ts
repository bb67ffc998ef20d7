import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, type TestUser } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

describe('GET /api/v1/users/:id caching', () => {
  let t: TestApp;
  let admin: TestUser;
  let learner: TestUser;
  beforeAll(async () => {
    t = await buildTestApp();
    admin = await createUserAndLogin(t, ['admin']);
    learner = await createUserAndLogin(t, ['learner']);
  });
  afterAll(() => t.close());

  const platformHits = () => t.app.lectern.cache.stats().requests.platform?.hit ?? 0;

  it('should serve a repeated read from the cache and drop it when the roles change', async () => {
    const url = `/api/v1/users/${learner.id}`;
    const first = await t.app.inject({ url, headers: admin.auth });
    expect(first.json().data.roles).toEqual(['learner']);
    const hitsBefore = platformHits();
    const second = await t.app.inject({ url, headers: admin.auth });
    expect(second.json().data).toEqual(first.json().data);
    expect(platformHits()).toBe(hitsBefore + 1);

    const changed = await t.app.inject({
      method: 'PUT',
      url: `${url}/roles`,
      headers: admin.auth,
      payload: { roles: ['instructor', 'learner'] },
    });
    expect(changed.statusCode).toBe(200);
    const after = await t.app.inject({ url, headers: admin.auth });
    expect(after.json().data).toMatchObject({
      roles: ['instructor', 'learner'],
      version: first.json().data.version + 1,
    });
  });

  it('should check access before answering from the cache', async () => {
    const other = await createUserAndLogin(t, ['learner']);
    const res = await t.app.inject({ url: `/api/v1/users/${learner.id}`, headers: other.auth });
    expect(res.statusCode).toBe(403);
  });
});
