import { describe, expect, it } from 'vitest';
import { buildFeatures, FEATURE_NAMES, type FeatureName, midRankPercentiles } from './features.js';
import type { OuladData, StudentRecord } from './records.js';

const P = { module: 'XYZ', presentation: '2014B' };
const student = (studentId: string, extra: Partial<StudentRecord> = {}): StudentRecord => ({
  ...P,
  studentId,
  gender: 'F',
  region: null,
  highestEducation: 'A Level or Equivalent',
  imdBand: '20-30%',
  ageBand: '35-55',
  prevAttempts: 1,
  studiedCredits: 60,
  disability: false,
  finalResult: 'Pass',
  ...extra,
});

/** A 100-day presentation: TMA day 10 (weight 20), CMA day 20 (weight 0), TMA day 40, exam. */
function history(): OuladData {
  return {
    presentations: [{ ...P, lengthDays: 100 }],
    assessments: [
      { ...P, id: 'a1', type: 'TMA', dueDay: 10, weight: 20 },
      { ...P, id: 'a2', type: 'CMA', dueDay: 20, weight: 0 },
      { ...P, id: 'a3', type: 'TMA', dueDay: 40, weight: 30 },
      { ...P, id: 'ex', type: 'Exam', dueDay: null, weight: 100 },
    ],
    students: [
      student('s1'),
      student('s2', { finalResult: 'Withdrawn' }),
      student('s3', { gender: 'M', imdBand: null }),
    ],
    registrations: [
      { ...P, studentId: 's1', registeredDay: -10, unregisteredDay: null },
      { ...P, studentId: 's2', registeredDay: 5, unregisteredDay: 20 },
      { ...P, studentId: 's3', registeredDay: -30, unregisteredDay: null },
    ],
    results: [
      { assessmentId: 'a1', studentId: 's1', submittedDay: 12, banked: false, score: 60 },
      { assessmentId: 'a2', studentId: 's1', submittedDay: 18, banked: false, score: 80 },
      { assessmentId: 'a3', studentId: 's1', submittedDay: 38, banked: false, score: 90 },
      { assessmentId: 'a1', studentId: 's2', submittedDay: 9, banked: false, score: 40 },
    ],
  };
}

const valuesOf = (rows: ReturnType<typeof buildFeatures>, id: string) => {
  const row = rows.find((r) => r.studentId === id);
  if (!row) return undefined;
  return Object.fromEntries(FEATURE_NAMES.map((n, j) => [n, row.values[j]])) as Record<
    FeatureName,
    number
  >;
};

describe('buildFeatures', () => {
  it('should describe a learner with what is known on day 25 only', () => {
    const rows = buildFeatures(history(), () => 25);
    const s1 = valuesOf(rows, 's1');
    expect(s1).toMatchObject({
      as_of_day: 25,
      length_days: 100,
      due: 2,
      submitted: 2,
      late: 1,
      missing: 0,
      late_fraction: 0.5,
      early: 0,
      score_mean: 70,
      score_weighted: 60,
      score_due_zero: 70,
      score_min: 60,
      score_trend: 20,
      days_since_last_submission: 7,
      days_since_registration: 35,
      registered_before_start: 1,
      education: 2,
      imd: 2,
      age: 1,
      prev_attempts: 1,
      last_due_missed: 0,
    });
    const s3 = valuesOf(rows, 's3');
    expect(s3).toMatchObject({
      missing: 2,
      tma_missing: 1,
      cma_missing: 1,
      missing_fraction: 1,
      missing_weight_fraction: 1,
      no_score: 1,
      score_mean: 0,
      last_due_missed: 1,
      imd: 4.5,
      imd_missing: 1,
      gender_male: 1,
      days_since_last_submission: 26,
    });
    // s1 has the better scores of the two scored on day 25.
    expect(s1?.score_mean_pct).toBeGreaterThan(s3?.score_mean_pct ?? 1);
    expect(rows.find((r) => r.studentId === 's1')).toMatchObject({
      label: 0,
      groups: { gender: 'F', ageBand: '35-55', disability: 'N' },
    });
  });

  it('should leave out a learner unregistered by the scoring day, and keep them before it', () => {
    expect(
      valuesOf(
        buildFeatures(history(), () => 25),
        's2',
      ),
    ).toBeUndefined();
    const before = buildFeatures(history(), () => 15);
    expect(valuesOf(before, 's2')).toMatchObject({ submitted: 1, score_mean: 40 });
    expect(before.find((r) => r.studentId === 's2')?.label).toBe(1);
  });

  it('should not change when everything dated after the scoring day is removed or changed', () => {
    // s4 registers on day 30: the full history has that row, a file cut at day 25 does not.
    const withLateRegistration = () => {
      const data = history();
      data.students.push(student('s4'));
      data.registrations.push({ ...P, studentId: 's4', registeredDay: 30, unregisteredDay: null });
      return data;
    };
    const full = buildFeatures(withLateRegistration(), () => 25);
    const cut = withLateRegistration();
    cut.results = cut.results.filter((r) => (r.submittedDay ?? 0) <= 25);
    cut.results.push({
      assessmentId: 'a3',
      studentId: 's3',
      submittedDay: 26,
      banked: false,
      score: 100,
    });
    cut.registrations = cut.registrations
      .filter((r) => r.studentId !== 's4')
      .map((r) => ({ ...r, unregisteredDay: r.studentId === 's2' ? 20 : 80 }));
    cut.students = cut.students.map((s) => ({ ...s, finalResult: null }));
    const blind = buildFeatures(cut, () => 25);
    expect(blind.map((r) => r.values)).toEqual(full.map((r) => r.values));
    expect(blind.every((r) => r.label === null)).toBe(true);
    expect(valuesOf(full, 's4')).toMatchObject({
      registration_missing: 1,
      days_since_registration: 0,
    });
  });

  it('should count clicks up to the scoring day only', () => {
    const data = history();
    data.clicks = [
      { ...P, studentId: 's1', days: [-3, 5, 20, 25, 26, 90], clicks: [2, 0, 4, 3, 50, 50] },
    ];
    const s1 = valuesOf(
      buildFeatures(data, () => 25),
      's1',
    );
    expect(s1).toMatchObject({
      clicks_total: Math.log1p(9),
      clicks_before_start: Math.log1p(2),
      clicks_last_14: Math.log1p(7),
      active_days: 3,
      days_since_last_click: 0,
    });
    expect(
      valuesOf(
        buildFeatures(data, () => 25),
        's3',
      ),
    ).toMatchObject({ clicks_total: 0, days_since_last_click: 26 });
  });

  it('should score each presentation on its own day', () => {
    const data = history();
    data.presentations = [{ ...P, lengthDays: 200 }];
    expect(buildFeatures(data, (length) => length / 4)[0]?.asOf).toBe(50);
  });
});

describe('midRankPercentiles', () => {
  it('should rank ties at their middle', () => {
    expect(midRankPercentiles([10, 20, 20, 30])).toEqual([0.125, 0.5, 0.5, 0.875]);
  });
});
