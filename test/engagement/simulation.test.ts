import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { useCatalogTestApp as catalogTestApp } from '../helpers/catalog-test-app.js';
import { countRows, expectError } from '../helpers/factories.js';

// No LLM_BASE_URL: every auto-nudge is a template, and the run still completes.
const { t, api, staff, owner } = catalogTestApp(
  { staff: 'staff', owner: 'instructor' },
  { ENGAGEMENT_NUDGES_PER_WEEK: '1', JOBS_POLL_INTERVAL_MS: '500' },
);

const data = <T>(res: { json(): unknown }) => (res.json() as { data: T }).data;

async function learner(
  completedPercent: number,
  avgQuizScore: number,
  missed: number,
  lastLoginAt?: string,
) {
  const res = await api.post('/engagement/learners', staff, {
    externalSource: 'sis',
    externalId: randomUUID(),
    displayName: 'Sim',
    completedPercent,
    avgQuizScore,
    consecutiveMissedSessions: missed,
    ...(lastLoginAt ? { lastLoginAt } : {}),
  });
  expect(res.statusCode).toBe(201);
  return data<{ id: string }>(res).id;
}

async function run(body: object) {
  const started = await api.post('/engagement/simulate/run', staff, body);
  expect(started.statusCode).toBe(202);
  const { jobId } = data<{ jobId: string }>(started);
  for (let i = 0; i < 60; i++) {
    const job = data<{ state: string; result: unknown; error: unknown }>(
      await api.get(`/jobs/${jobId}`, staff),
    );
    if (job.state === 'completed') return job.result as Record<string, number>;
    if (job.state === 'failed') throw new Error(`simulation failed: ${JSON.stringify(job.error)}`);
    await sleep(250);
  }
  throw new Error('simulation did not finish');
}

describe('POST /engagement/simulate/run', () => {
  it('should count learners by risk and auto-nudge those at or above the threshold, once per weekly cap', async () => {
    const now = new Date().toISOString();
    // codered-v1: 1.0 (high) twice, 0.45 (medium), 0 (low) twice.
    const high = [await learner(0, 0, 7), await learner(0, 0, 7)];
    await learner(50, 50, 0);
    await learner(100, 100, 0, now);
    await learner(100, 100, 0, now);

    expect(await run({ autoNudge: false, riskThreshold: 0.7 })).toEqual({
      processedLearners: 5,
      highRiskCount: 2,
      mediumRiskCount: 1,
      lowRiskCount: 2,
      autoNudgesGenerated: 0,
      autoNudgesSkipped: 0,
      autoNudgesFallback: 0,
    });
    expect(await run({ autoNudge: true, riskThreshold: 0.7 })).toMatchObject({
      processedLearners: 5,
      autoNudgesGenerated: 2,
      autoNudgesFallback: 2,
    });
    for (const id of high) {
      const nudges = data<{ channel: string; gptFallback: boolean; promptVersion: string }[]>(
        await api.get(`/engagement/learners/${id}/nudges`, staff),
      );
      expect(nudges).toEqual([
        expect.objectContaining({
          channel: 'in-app',
          gptFallback: true,
          promptVersion: 'fallback_quiz_reminder_v0',
        }),
      ]);
    }
    // The cap is 1 a week: a second run skips them; a lower threshold reaches the medium one.
    expect(await run({ autoNudge: true, riskThreshold: 0.4 })).toMatchObject({
      autoNudgesGenerated: 1,
      autoNudgesSkipped: 2,
    });
  });

  it('should refuse bad input naming the field, and non-staff, enqueuing nothing', async () => {
    const before = await countRows(t, 'jobs');
    const bad = expectError(
      await api.post('/engagement/simulate/run', staff, { autoNudge: true, riskThreshold: 2 }),
      400,
      'VALIDATION_FAILED',
    );
    expect(JSON.stringify(bad.details)).toContain('riskThreshold');
    expectError(
      await api.post('/engagement/simulate/run', staff, { riskThreshold: 0.5 }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await api.post('/engagement/simulate/run', owner, { autoNudge: false, riskThreshold: 0.5 }),
      403,
      'PERMISSION_DENIED',
    );
    expect(await countRows(t, 'jobs')).toBe(before);
  });
});
