import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type {
  AssessmentRecord,
  AssessmentResultRecord,
  FinalResult,
  OuladData,
  StudentRecord,
} from '#modules/engagement/engine/index.js';
import { importOulad } from '#modules/engagement/oulad/index.js';
import { engagementCourses, engagementLearners } from '#modules/engagement/tables.js';
import { inTransaction } from '#platform/db/unit-of-work.js';
import { useCatalogTestApp as catalogTestApp } from '../helpers/catalog-test-app.js';
import { countRows, expectError } from '../helpers/factories.js';

const { t, api, staff, instructor, learner } = catalogTestApp(
  { staff: 'staff', instructor: 'instructor', learner: 'learner' },
  { JOBS_POLL_INTERVAL_MS: '500' },
);

const data = <T>(res: { json(): unknown }) => (res.json() as { data: T }).data;

interface Risk {
  score: number;
  label: string;
  model: string;
  factors: { name: string; contribution: number; value: number | null }[];
}
interface Model {
  id: string;
  name: string;
  kind: string;
  active: boolean;
  versions: { status: string; evaluation: Record<string, unknown> | null; error: string | null }[];
}

const TMAS = (module: string, presentation: string, prefix: string): AssessmentRecord[] => [
  { module, presentation, id: `${prefix}1`, type: 'TMA', dueDay: 20, weight: 20 },
  { module, presentation, id: `${prefix}2`, type: 'CMA', dueDay: 40, weight: 10 },
  { module, presentation, id: `${prefix}3`, type: 'TMA', dueDay: 55, weight: 20 },
  { module, presentation, id: `${prefix}4`, type: 'TMA', dueDay: 120, weight: 20 },
];

function student(
  module: string,
  presentation: string,
  studentId: string,
  i: number,
  finalResult: FinalResult | null,
): StudentRecord {
  return {
    module,
    presentation,
    studentId,
    gender: Math.floor(i / 2) % 2 === 0 ? 'M' : 'F',
    region: null,
    highestEducation: null,
    imdBand: null,
    ageBand: i % 3 === 0 ? '35-55' : '0-35',
    prevAttempts: 0,
    studiedCredits: 60,
    disability: i % 4 === 0,
    finalResult,
  };
}

/**
 * A presentation whose at-risk learners (even i: Fail or Withdrawn) hand in the first assignment
 * late with a low mark and miss the rest, while the others hand everything in on time, well marked.
 */
function history(module: string, presentation: string, n: number, results?: FinalResult[]) {
  const assessments = TMAS(module, presentation, `${module}${presentation}-`);
  const d: OuladData = {
    presentations: [{ module, presentation, lengthDays: 240 }],
    assessments,
    students: [],
    registrations: [],
    results: [],
  };
  for (let i = 0; i < n; i++) {
    const id = `${module}-${presentation}-${i}`;
    const risky = i % 2 === 0;
    const result = results?.[i] ?? (risky ? (i % 4 === 0 ? 'Fail' : 'Withdrawn') : 'Pass');
    d.students.push(student(module, presentation, id, i, result));
    d.registrations.push({
      module,
      presentation,
      studentId: id,
      registeredDay: -10,
      unregisteredDay: result === 'Withdrawn' ? 150 : null,
    });
    const submit = (a: AssessmentRecord, day: number, score: number): AssessmentResultRecord => ({
      assessmentId: a.id,
      studentId: id,
      submittedDay: day,
      banked: false,
      score,
    });
    if (risky && !results) {
      d.results.push(submit(assessments[0]!, 26, 30 + (i % 10)));
      if (i % 10 === 0) d.results.push(submit(assessments[2]!, 58, 50));
    } else
      for (const [k, a] of assessments.entries())
        if (!(k === 1 && i % 7 === 0)) d.results.push(submit(a, a.dueDay! - 2, 65 + (i % 25)));
  }
  return d;
}

/** A presentation under way: learners 0–2 hand everything in, 3–5 nothing. */
function current(): OuladData {
  const [module, presentation] = ['AAA', '2014J'];
  const assessments = TMAS(module, presentation, 'cur-');
  const ids = [0, 1, 2, 3, 4, 5].map((i) => `cur-${i}`);
  return {
    presentations: [{ module, presentation, lengthDays: 240 }],
    assessments,
    students: ids.map((id, i) => student(module, presentation, id, i, null)),
    registrations: ids.map((studentId) => ({
      module,
      presentation,
      studentId,
      registeredDay: -5,
      unregisteredDay: null,
    })),
    results: ids.slice(0, 3).flatMap((studentId) =>
      assessments.map((a) => ({
        assessmentId: a.id,
        studentId,
        submittedDay: a.dueDay! - 1,
        banked: false,
        score: 80,
      })),
    ),
  };
}

const load = (d: OuladData) => inTransaction(t.database.db, ({ tx }) => importOulad(tx, d));

async function learnerId(externalId: string) {
  const [row] = await t.database.db
    .select({ id: engagementLearners.id })
    .from(engagementLearners)
    .where(
      and(
        eq(engagementLearners.externalSource, 'oulad'),
        eq(engagementLearners.externalId, externalId),
      ),
    );
  return row!.id;
}

async function courseId(presentation: string, module = 'AAA') {
  const [row] = await t.database.db
    .select({ id: engagementCourses.id })
    .from(engagementCourses)
    .where(
      and(
        eq(engagementCourses.moduleCode, module),
        eq(engagementCourses.presentationCode, presentation),
      ),
    );
  return row!.id;
}

async function finished(jobId: string) {
  for (let i = 0; i < 120; i++) {
    const job = data<{ state: string; result: unknown; error: unknown; progress: number }>(
      await api.get(`/jobs/${jobId}`, staff),
    );
    if (job.state === 'completed') return job;
    if (job.state === 'failed') throw new Error(`job failed: ${JSON.stringify(job.error)}`);
    await sleep(200);
  }
  throw new Error('the job did not finish');
}

const riskOf = async (id: string) =>
  data<{ risk: Risk }>(await api.get(`/engagement/learners/${id}`, staff)).risk;

describe('engagement risk models', () => {
  let trained: Model;

  it('should list codered-v1 as the active model before any is trained', async () => {
    const res = await api.get('/engagement/models', staff);
    expect(res.statusCode).toBe(200);
    const [first] = data<Model[]>(res);
    expect(first).toMatchObject({ id: 'codered-v1', name: 'codered-v1', active: true });
  });

  it('should refuse to train on too few outcomes or one class, naming the reason', async () => {
    await load(history('BBB', '2013B', 6));
    await load(history('CCC', '2013B', 30, Array(30).fill('Pass') as FinalResult[]));
    const few = expectError(
      await api.post('/engagement/models', staff, {
        kind: 'logistic',
        trainOn: { presentations: ['BBB 2013B'] },
      }),
      422,
      'TOO_FEW_OUTCOMES',
    );
    expect(few.message).toMatch(/too few outcomes/i);
    const one = expectError(
      await api.post('/engagement/models', staff, {
        kind: 'logistic',
        trainOn: { courses: [await courseId('2013B', 'CCC')] },
      }),
      422,
      'ONE_CLASS_ONLY',
    );
    expect(one.message).toMatch(/one class/i);
    expectError(
      await api.post('/engagement/models', staff, { kind: 'logistic', trainOn: {} }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await countRows(t, 'engagement_models')).toBe(0);
  });

  it('should train on stored history as a job and store its evaluation', async () => {
    await load(history('AAA', '2013J', 80));
    await load(current());
    const res = await api.post('/engagement/models', staff, {
      name: 'aaa-logistic',
      kind: 'logistic',
      trainOn: { presentations: ['2013J'] },
      predictAt: 0.25,
    });
    expect(res.statusCode).toBe(202);
    const started = data<{ model: Model; jobId: string }>(res);
    expect(started.model.versions[0]?.status).toBe('training');
    const job = await finished(started.jobId);
    expect(job.result).toMatchObject({ status: 'ready' });

    trained = data<Model>(await api.get(`/engagement/models/${started.model.id}`, staff));
    expect(trained.active).toBe(false);
    const evaluation = trained.versions[0]!.evaluation as {
      leftOutFeatures: string[];
      metrics: {
        overall: { auc: number; brier: number; count: number };
        calibration: unknown[];
        byGender: { group: string; auc: number | null }[];
        byAgeBand: unknown[];
        byDisability: unknown[];
      };
    };
    expect(trained.versions[0]!.status).toBe('ready');
    expect(evaluation.metrics.overall.auc).toBeGreaterThan(0.9);
    expect(evaluation.metrics.overall.brier).toBeLessThan(0.2);
    expect(evaluation.metrics.calibration.length).toBeGreaterThan(0);
    expect(evaluation.metrics.byGender.map((g) => g.group)).toEqual(['F', 'M']);
    expect(evaluation.metrics.byAgeBand.length).toBe(2);
    expect(evaluation.metrics.byDisability.length).toBe(2);
    expect(evaluation.leftOutFeatures).toContain('imd');

    const boosted = await api.post('/engagement/models', staff, {
      name: 'aaa-boosted',
      kind: 'boosted',
      trainOn: { presentations: ['AAA 2013J'] },
    });
    expect(boosted.statusCode).toBe(202);
    const b = data<{ model: Model; jobId: string }>(boosted);
    await finished(b.jobId);
    const stored = data<Model>(await api.get(`/engagement/models/${b.model.id}`, staff));
    expect(stored).toMatchObject({ kind: 'boosted', versions: [{ status: 'ready' }] });

    // A new version of a model must keep its kind.
    const again = await api.post('/engagement/models', staff, {
      name: 'aaa-logistic',
      kind: 'boosted',
      trainOn: { presentations: ['2013J'] },
    });
    expectError(again, 409, 'MODEL_KIND_MISMATCH');
  });

  it('should score learners with the activated model, factors adding up to the log-odds', async () => {
    const good = await learnerId('cur-0');
    const bad = await learnerId('cur-3');
    expect((await riskOf(bad)).model).toBe('codered-v1');

    const res = await api.post(`/engagement/models/${trained.id}/activate`, staff);
    expect(res.statusCode).toBe(200);
    expect(data<Model>(res).active).toBe(true);
    const list = data<Model[]>(await api.get('/engagement/models', staff));
    expect(list.filter((m) => m.active).map((m) => m.name)).toEqual(['aaa-logistic']);

    const [goodRisk, badRisk] = [await riskOf(good), await riskOf(bad)];
    expect(badRisk.model).toBe('aaa-logistic');
    expect(goodRisk.model).toBe('aaa-logistic');
    expect(badRisk.score).toBeGreaterThan(goodRisk.score);
    expect(badRisk.label).toBe('high');
    const logOdds = badRisk.factors.reduce((s, f) => s + f.contribution, 0);
    expect(1 / (1 + Math.exp(-logOdds))).toBeCloseTo(badRisk.score, 2);
    expect(badRisk.factors.map((f) => f.name)).toContain('missing_fraction');
  });

  it('should recompute a learner’s score when their activity changes', async () => {
    const bad = await learnerId('cur-4');
    const before = await riskOf(bad);
    const d = current();
    d.results = d.assessments.map((a) => ({
      assessmentId: a.id,
      studentId: 'cur-4',
      submittedDay: a.dueDay! - 1,
      banked: false,
      score: 85,
    }));
    await load(d);
    const after = await riskOf(bad);
    expect(after.score).toBeLessThan(before.score);
  });

  it('should store a snapshot per learner with a scoring job, and filter the list by label', async () => {
    const course = await courseId('2014J');
    const before = await countRows(t, 'engagement_risk_snapshots');
    const res = await api.post('/engagement/score', staff, {
      courseId: course,
      asOf: '2014-11-30T00:00:00Z',
    });
    expect(res.statusCode).toBe(202);
    const job = await finished(data<{ jobId: string }>(res).jobId);
    expect(job.result).toMatchObject({ scored: 6 });
    expect(await countRows(t, 'engagement_risk_snapshots')).toBe(before + 6);

    const bad = await learnerId('cur-3');
    const snaps = data<{ model: string; score: number; asOf: string }[]>(
      await api.get(`/engagement/learners/${bad}/risk-history`, staff),
    );
    expect(snaps[0]).toMatchObject({ model: 'aaa-logistic', asOf: '2014-11-30T00:00:00.000Z' });

    const high = data<{ id: string; risk: Risk }[]>(
      await api.get(`/engagement/learners?courseId=${course}&risk=high`, staff),
    );
    const ids = high.map((l) => l.id);
    expect(ids).toContain(bad);
    expect(ids).toContain(await learnerId('cur-5'));
    expect(ids).not.toContain(await learnerId('cur-0'));
    expect(high.every((l) => l.risk.model === 'aaa-logistic')).toBe(true);
  });

  it('should let staff only manage models', async () => {
    for (const user of [learner, instructor]) {
      expectError(await api.get('/engagement/models', user), 403, 'PERMISSION_DENIED');
      expectError(
        await api.post('/engagement/models', user, {
          kind: 'logistic',
          trainOn: { presentations: ['2013J'] },
        }),
        403,
        'PERMISSION_DENIED',
      );
      expectError(
        await api.post(`/engagement/models/${trained.id}/activate`, user),
        403,
        'PERMISSION_DENIED',
      );
      expectError(await api.post('/engagement/score', user, {}), 403, 'PERMISSION_DENIED');
    }
    expectError(
      await api.post('/engagement/models/01900000-0000-7000-8000-000000000000/activate', staff),
      404,
      'MODEL_NOT_FOUND',
    );
  });

  it('should make codered-v1 active again', async () => {
    const res = await api.post('/engagement/models/codered-v1/activate', staff);
    expect(data<Model>(res).active).toBe(true);
    expect((await riskOf(await learnerId('cur-3'))).model).toBe('codered-v1');
  });
});
