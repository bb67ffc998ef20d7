import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createUserAndLogin, expectError, type TestUser } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

describe('POST /api/v1/jobs/probes', () => {
  let t: TestApp;
  let admin: TestUser;
  let staff: TestUser;

  beforeAll(async () => {
    t = await buildTestApp({ JOBS_POLL_INTERVAL_MS: '500' });
    admin = await createUserAndLogin(t, ['admin']);
    staff = await createUserAndLogin(t, ['staff']);
  });
  afterAll(() => t.close());

  it('should run every probe once and record which process ran it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/jobs/probes',
      headers: admin.auth,
      payload: { count: 6, sleepMs: 10 },
    });
    expect(res.statusCode).toBe(202);
    const { jobIds } = res.json().data as { jobIds: string[] };
    expect(new Set(jobIds).size).toBe(6);
    await expect
      .poll(
        async () =>
          (
            await t.app.inject({
              url: '/api/v1/jobs?queue=platform-probe&state=completed&limit=100',
              headers: admin.auth,
            })
          ).json().data.length,
        { timeout: 20_000, interval: 200 },
      )
      .toBe(6);
    const job = (
      await t.app.inject({ url: `/api/v1/jobs/${jobIds[0]}`, headers: admin.auth })
    ).json().data;
    expect(job.result).toMatchObject({ instance: expect.stringMatching(/:\d+$/), attempt: 1 });
    const events = (
      await t.app.inject({
        url: '/api/v1/events?type=job.probe_completed&limit=100',
        headers: admin.auth,
      })
    ).json().data as Array<{ subjectId: string; data: { instance: string } }>;
    expect(events.map((e) => e.subjectId).sort()).toEqual([...jobIds].sort());
  });

  it('should refuse other roles and bad counts without enqueuing anything', async () => {
    const before = await countRows(t, 'jobs');
    expectError(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/jobs/probes',
        headers: staff.auth,
        payload: { count: 1 },
      }),
      403,
      'PERMISSION_DENIED',
    );
    for (const payload of [
      { count: 0 },
      { count: 1001 },
      { count: 1, sleepMs: 60_000 },
      { count: 1, extra: true },
    ]) {
      expectError(
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/jobs/probes',
          headers: admin.auth,
          payload,
        }),
        400,
        'VALIDATION_FAILED',
      );
    }
    expect(await countRows(t, 'jobs')).toBe(before);
  });
});
