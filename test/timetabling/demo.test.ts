import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, type TestUser } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

describe('the timetable of the demo school', () => {
  let t: TestApp;
  let learner: TestUser;
  beforeAll(async () => {
    t = await buildTestApp({ SEED_DEMO: 'true' });
    learner = await createUserAndLogin(t, ['learner']);
  }, 120_000);
  afterAll(async () => t?.close());

  it('should have the example term, solved and published, on first start', async () => {
    const terms = await t.app.inject({ url: '/api/v1/timetabling/terms', headers: learner.auth });
    expect(terms.statusCode).toBe(200);
    const [term] = terms.json().data;
    expect(term).toMatchObject({ kind: 'dated' });
    expect(term.counts.courses).toBe(60);
    const schedules = await t.app.inject({
      url: `/api/v1/timetabling/terms/${term.id}/schedules`,
      headers: learner.auth,
    });
    expect(schedules.statusCode).toBe(200);
    const [schedule] = schedules.json().data;
    expect(schedule).toMatchObject({ origin: 'solve', published: true });
    const solve = await t.app.inject({
      url: `/api/v1/timetabling/solves/${schedule.solveId}`,
      headers: learner.auth,
    });
    expect(solve.json().data).toMatchObject({ status: 'completed', scheduleId: schedule.id });
  });

  it('should log the demo timetable once', () => {
    expect(t.logs.some((l) => String(l.msg) === 'demo timetable solved and published')).toBe(true);
  });
});
