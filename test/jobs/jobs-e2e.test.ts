import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '#platform/db/index.js';
import { createUserAndLogin, expectError, type TestUser } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

describe('jobs API through the whole app', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let jobId: string;

  beforeAll(async () => {
    // Enqueue only, so the job stays queued while the API is exercised.
    t = await buildTestApp({ ROLE: 'api' });
    t.app.lectern.jobs.register('e2e-report', async () => ({ rows: 0 }));
    alice = await createUserAndLogin(t, ['learner']);
    bob = await createUserAndLogin(t, ['learner']);
    jobId = (await inTransaction(t.database.db, ({ tx }) =>
      t.app.lectern.jobs.enqueue(tx, 'e2e-report', { term: '2026' }, { ownerId: alice.id }),
    )) as string;
  });
  afterAll(() => t.close());

  it('should show a job to its owner only', async () => {
    const own = await t.app.inject({ url: `/api/v1/jobs/${jobId}`, headers: alice.auth });
    expect(own.statusCode).toBe(200);
    expect(own.json().data).toMatchObject({ id: jobId, state: 'created', ownerId: alice.id });
    expectError(
      await t.app.inject({ url: `/api/v1/jobs/${jobId}`, headers: bob.auth }),
      404,
      'JOB_NOT_FOUND',
    );
    expect((await t.app.inject({ url: `/api/v1/jobs/${jobId}` })).statusCode).toBe(401);
  });

  it('should list the caller’s jobs and let the owner cancel one', async () => {
    const list = await t.app.inject({ url: '/api/v1/jobs', headers: alice.auth });
    expect(list.json().data.map((j: { id: string }) => j.id)).toEqual([jobId]);
    expect((await t.app.inject({ url: '/api/v1/jobs', headers: bob.auth })).json().data).toEqual(
      [],
    );
    const cancel = await t.app.inject({
      method: 'POST',
      url: `/api/v1/jobs/${jobId}/cancel`,
      headers: alice.auth,
    });
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json().data.state).toBe('cancelled');
  });

  it('should document the routes in OpenAPI', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/jobs', '/api/v1/jobs/{id}', '/api/v1/jobs/{id}/cancel']),
    );
  });
});
