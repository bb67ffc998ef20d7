import {
  type AssessmentRecord,
  type AssessmentResultRecord,
  atRisk,
  type ClickSeries,
  type OuladData,
  presentationKey,
  type RegistrationRecord,
} from './records.js';

/**
 * The features of one learner in one presentation as of day `asOf`, each documented. Only data
 * dated on or before `asOf` is read: a submission after it, or an unregistration after it, is as if
 * it had not happened yet. Missing values are imputed and flagged so every feature is a number.
 */
export const FEATURES = [
  ['prev_attempts', 'num_of_prev_attempts: earlier attempts at this module'],
  ['studied_credits', 'studied_credits: credits the learner is studying this period (log1p)'],
  [
    'education',
    'highest_education, ordinal: No Formal 0, Lower Than A Level 1, A Level 2, HE 3, Post Grad 4',
  ],
  ['imd', 'imd_band, ordinal 0 (0-10 %, most deprived) … 9 (90-100 %); missing → 4.5'],
  ['imd_missing', '1 when imd_band is missing'],
  ['age', 'age_band, ordinal: 0-35 0, 35-55 1, 55<= 2'],
  ['disability', '1 when the learner declared a disability'],
  ['gender_male', '1 for M'],
  ['length_days', 'module_presentation_length: length of the presentation in days'],
  ['as_of_day', 'the scoring day, in days from the presentation start'],
  ['days_since_registration', 'asOf − date_registration (0 when missing or after asOf)'],
  ['registration_missing', '1 when there is no registration date on or before asOf'],
  ['registered_before_start', '1 when the learner registered before day 0'],
  ['due', 'TMA/CMA assessments due on or before asOf'],
  ['submitted', 'of those, submitted on or before asOf'],
  ['late', 'of those, submitted after their due day (but on or before asOf)'],
  ['missing', 'of those, not submitted by asOf'],
  ['missing_fraction', 'missing / due (0 when nothing is due)'],
  ['late_fraction', 'late / due (0 when nothing is due)'],
  [
    'missing_weight_fraction',
    'weight of the missing / weight due (missing_fraction when weights are 0)',
  ],
  ['tma_missing', 'missing tutor-marked assessments'],
  ['cma_missing', 'missing computer-marked assessments'],
  ['last_due_missed', '1 when the assessment due most recently (by asOf) is not submitted'],
  ['early', 'submissions on or before asOf of assessments not yet due'],
  ['banked', 'submissions carried over (banked) from an earlier attempt'],
  ['no_score', '1 when no score is known by asOf'],
  ['score_mean', 'mean score (0–100) of the submissions so far; 0 when none'],
  ['score_weighted', 'weight-weighted mean score so far (the plain mean when weights are 0)'],
  ['score_due_zero', 'mean over the assessments due by asOf, a missing one counting 0'],
  ['score_min', 'lowest score so far; 0 when none'],
  ['score_trend', 'last score − first score, in submission order; 0 with fewer than two'],
  ['days_since_last_submission', 'asOf − day of the latest submission (asOf + 1 when none)'],
  // Cohort-relative: mark schemes and schedules differ between modules, ranks travel better.
  [
    'score_mean_pct',
    "percentile (0–1, ties at their mid-rank) of score_mean among the presentation's learners scored on the same day",
  ],
  ['score_weighted_pct', 'the same for score_weighted'],
  ['score_due_zero_pct', 'the same for score_due_zero'],
  ['score_min_pct', 'the same for score_min'],
  ['score_trend_pct', 'the same for score_trend'],
  ['days_since_last_submission_pct', 'the same for days_since_last_submission'],
  // From the VLE click stream (studentVle.csv), when there is one; 0 otherwise.
  ['clicks_total', 'log1p of the clicks on or before asOf'],
  ['clicks_before_start', 'log1p of the clicks before day 0'],
  ['clicks_last_14', 'log1p of the clicks in the 14 days up to asOf'],
  ['active_days', 'days with a click, on or before asOf'],
  ['days_since_last_click', 'asOf − day of the latest click (asOf + 1 when none)'],
  ['clicks_total_pct', 'percentile of clicks_total within the presentation'],
  ['clicks_last_14_pct', 'percentile of clicks_last_14 within the presentation'],
  ['active_days_pct', 'percentile of active_days within the presentation'],
] as const;

export type FeatureName = (typeof FEATURES)[number][0];
export const FEATURE_NAMES: readonly FeatureName[] = FEATURES.map(([name]) => name);

export interface LearnerFeatures {
  module: string;
  presentation: string;
  studentId: string;
  asOf: number;
  /** In the order of FEATURE_NAMES. */
  values: number[];
  /** 1 for Fail or Withdrawn, 0 for Pass or Distinction, null when the outcome is unknown. */
  label: 0 | 1 | null;
  groups: { gender: string; ageBand: string; disability: string };
}

const EDUCATION: Record<string, number> = {
  'No Formal quals': 0,
  'Lower Than A Level': 1,
  'A Level or Equivalent': 2,
  'HE Qualification': 3,
  'Post Graduate Qualification': 4,
};
const AGE: Record<string, number> = { '0-35': 0, '35-55': 1, '55<=': 2 };

/** "0-10%" → 0 … "90-100%" → 9 (OULAD also writes "10-20" without the %). */
function imdOrdinal(band: string | null): number | null {
  const m = band?.match(/^(\d+)\s*-/);
  return m ? Math.min(9, Math.floor(Number(m[1]) / 10)) : null;
}

interface Indexed {
  assessments: Map<string, AssessmentRecord[]>;
  registrations: Map<string, RegistrationRecord>;
  results: Map<string, AssessmentResultRecord[]>;
  lengths: Map<string, number>;
  clicks: Map<string, ClickSeries>;
}

function index(data: OuladData): Indexed {
  const assessments = new Map<string, AssessmentRecord[]>();
  for (const a of data.assessments) {
    const k = presentationKey(a.module, a.presentation);
    assessments.set(k, [...(assessments.get(k) ?? []), a]);
  }
  const registrations = new Map<string, RegistrationRecord>();
  for (const r of data.registrations)
    registrations.set(`${presentationKey(r.module, r.presentation)}\u0000${r.studentId}`, r);
  const results = new Map<string, AssessmentResultRecord[]>();
  for (const r of data.results) {
    const list = results.get(r.studentId);
    if (list) list.push(r);
    else results.set(r.studentId, [r]);
  }
  const lengths = new Map(
    data.presentations.map((p) => [presentationKey(p.module, p.presentation), p.lengthDays]),
  );
  const clicks = new Map<string, ClickSeries>();
  for (const c of data.clicks ?? [])
    clicks.set(`${presentationKey(c.module, c.presentation)}\u0000${c.studentId}`, c);
  return { assessments, registrations, results, lengths, clicks };
}

/** The scoring day of a presentation at fraction `at` of its length. */
export const scoringDay = (lengthDays: number, at: number) => Math.floor(lengthDays * at);

/**
 * Features of every learner of every presentation in `data`, each as of `asOfFor(length)` of its
 * presentation. Learners unregistered on or before that day are left out (already withdrawn);
 * presentations without a length are skipped.
 */
export function buildFeatures(
  data: OuladData,
  asOfFor: (lengthDays: number) => number,
): LearnerFeatures[] {
  const ix = index(data);
  const out: LearnerFeatures[] = [];
  for (const s of data.students) {
    const key = presentationKey(s.module, s.presentation);
    const length = ix.lengths.get(key);
    if (length === undefined) continue;
    const asOf = asOfFor(length);
    const reg = ix.registrations.get(`${key}\u0000${s.studentId}`);
    if (reg?.unregisteredDay != null && reg.unregisteredDay <= asOf) continue;
    // A registration dated after asOf is not known yet (a file cut at asOf would not have it).
    const registered =
      reg?.registeredDay != null && reg.registeredDay <= asOf ? reg.registeredDay : null;
    const own = ix.assessments.get(key) ?? [];
    const ownIds = new Map(own.map((a) => [a.id, a]));
    const subs = (ix.results.get(s.studentId) ?? [])
      .filter(
        (r) => ownIds.has(r.assessmentId) && r.submittedDay !== null && r.submittedDay <= asOf,
      )
      .sort((a, b) => (a.submittedDay ?? 0) - (b.submittedDay ?? 0));
    const submittedIds = new Map(subs.map((r) => [r.assessmentId, r]));

    const due = own.filter((a) => a.type !== 'Exam' && a.dueDay !== null && a.dueDay <= asOf);
    let submitted = 0;
    let late = 0;
    let missingWeight = 0;
    let tmaMissing = 0;
    let cmaMissing = 0;
    let dueScoreSum = 0;
    for (const a of due) {
      const r = submittedIds.get(a.id);
      if (r) {
        submitted++;
        if ((r.submittedDay ?? 0) > (a.dueDay ?? 0)) late++;
        dueScoreSum += r.score ?? 0;
      } else {
        missingWeight += a.weight;
        if (a.type === 'TMA') tmaMissing++;
        else cmaMissing++;
      }
    }
    const missing = due.length - submitted;
    const dueWeight = due.reduce((acc, a) => acc + a.weight, 0);
    const lastDue = due.reduce<AssessmentRecord | undefined>(
      (best, a) => (best === undefined || (a.dueDay ?? 0) > (best.dueDay ?? 0) ? a : best),
      undefined,
    );
    const dueIds = new Set(due.map((a) => a.id));
    const early = subs.filter((r) => !dueIds.has(r.assessmentId) && !r.banked).length;

    const scored = subs.filter((r) => r.score !== null);
    const scores = scored.map((r) => r.score ?? 0);
    const mean = scores.length ? scores.reduce((x, y) => x + y, 0) / scores.length : 0;
    const weights = scored.map((r) => ownIds.get(r.assessmentId)?.weight ?? 0);
    const wSum = weights.reduce((x, y) => x + y, 0);
    const weighted =
      wSum > 0 ? scores.reduce((acc, sc, i) => acc + sc * (weights[i] ?? 0), 0) / wSum : mean;
    const last = subs.at(-1)?.submittedDay;
    const imd = imdOrdinal(s.imdBand);

    const values: Record<FeatureName, number> = {
      prev_attempts: s.prevAttempts ?? 0,
      studied_credits: Math.log1p(s.studiedCredits ?? 60),
      education: EDUCATION[s.highestEducation ?? ''] ?? 1,
      imd: imd ?? 4.5,
      imd_missing: imd === null ? 1 : 0,
      age: AGE[s.ageBand ?? ''] ?? 0,
      disability: s.disability ? 1 : 0,
      gender_male: s.gender === 'M' ? 1 : 0,
      length_days: length,
      as_of_day: asOf,
      days_since_registration: registered !== null ? asOf - registered : 0,
      registration_missing: registered !== null ? 0 : 1,
      registered_before_start: registered !== null && registered < 0 ? 1 : 0,
      due: due.length,
      submitted,
      late,
      missing,
      missing_fraction: due.length ? missing / due.length : 0,
      late_fraction: due.length ? late / due.length : 0,
      missing_weight_fraction:
        dueWeight > 0 ? missingWeight / dueWeight : due.length ? missing / due.length : 0,
      tma_missing: tmaMissing,
      cma_missing: cmaMissing,
      last_due_missed: lastDue && !submittedIds.has(lastDue.id) ? 1 : 0,
      early,
      banked: subs.filter((r) => r.banked).length,
      no_score: scores.length ? 0 : 1,
      score_mean: mean,
      score_weighted: weighted,
      score_due_zero: due.length ? dueScoreSum / due.length : 0,
      score_min: scores.length ? Math.min(...scores) : 0,
      score_trend: scores.length >= 2 ? (scores.at(-1) ?? 0) - (scores[0] ?? 0) : 0,
      days_since_last_submission: last != null ? asOf - last : asOf + 1,
      score_mean_pct: 0,
      score_weighted_pct: 0,
      score_due_zero_pct: 0,
      score_min_pct: 0,
      score_trend_pct: 0,
      days_since_last_submission_pct: 0,
      ...clickFeatures(ix.clicks.get(`${key}\u0000${s.studentId}`), asOf),
    };
    out.push({
      module: s.module,
      presentation: s.presentation,
      studentId: s.studentId,
      asOf,
      values: FEATURE_NAMES.map((n) => values[n]),
      label: atRisk(s.finalResult),
      groups: {
        gender: s.gender ?? 'unknown',
        ageBand: s.ageBand ?? 'unknown',
        disability: s.disability === null ? 'unknown' : s.disability ? 'Y' : 'N',
      },
    });
  }
  addPercentiles(out);
  return out;
}

/** The learners `buildFeatures` leaves out: unregistered on or before their presentation's scoring day. */
export function withdrawnBy(
  data: OuladData,
  asOfFor: (lengthDays: number) => number,
): Array<{ module: string; presentation: string; studentId: string; asOf: number }> {
  const lengths = new Map(
    data.presentations.map((p) => [presentationKey(p.module, p.presentation), p.lengthDays]),
  );
  const known = new Set(
    data.students.map((s) => `${presentationKey(s.module, s.presentation)}\u0000${s.studentId}`),
  );
  return data.registrations.flatMap((r) => {
    const key = presentationKey(r.module, r.presentation);
    const length = lengths.get(key);
    if (length === undefined || !known.has(`${key}\u0000${r.studentId}`)) return [];
    const asOf = asOfFor(length);
    return r.unregisteredDay !== null && r.unregisteredDay <= asOf
      ? [{ module: r.module, presentation: r.presentation, studentId: r.studentId, asOf }]
      : [];
  });
}

const PERCENTILES: Array<[FeatureName, FeatureName]> = [
  ['score_mean', 'score_mean_pct'],
  ['score_weighted', 'score_weighted_pct'],
  ['score_due_zero', 'score_due_zero_pct'],
  ['score_min', 'score_min_pct'],
  ['score_trend', 'score_trend_pct'],
  ['days_since_last_submission', 'days_since_last_submission_pct'],
  ['clicks_total', 'clicks_total_pct'],
  ['clicks_last_14', 'clicks_last_14_pct'],
  ['active_days', 'active_days_pct'],
];

/** The click features, which a model uses only when its training and scoring data both have clicks. */
export const CLICK_FEATURES: readonly FeatureName[] = [
  'clicks_total',
  'clicks_before_start',
  'clicks_last_14',
  'active_days',
  'days_since_last_click',
  'clicks_total_pct',
  'clicks_last_14_pct',
  'active_days_pct',
];

function clickFeatures(series: ClickSeries | undefined, asOf: number) {
  let total = 0;
  let beforeStart = 0;
  let last14 = 0;
  let active = 0;
  let lastDay: number | null = null;
  if (series)
    series.days.forEach((day, i) => {
      if (day > asOf) return;
      const c = series.clicks[i] as number;
      total += c;
      if (day < 0) beforeStart += c;
      if (day > asOf - 14) last14 += c;
      if (c > 0) {
        active++;
        lastDay = day;
      }
    });
  return {
    clicks_total: Math.log1p(total),
    clicks_before_start: Math.log1p(beforeStart),
    clicks_last_14: Math.log1p(last14),
    active_days: active,
    days_since_last_click: lastDay !== null ? asOf - lastDay : asOf + 1,
    clicks_total_pct: 0,
    clicks_last_14_pct: 0,
    active_days_pct: 0,
  };
}

/** Mid-rank percentile of each value among the values of its group (0 … 1). */
export function midRankPercentiles(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const lowerBound = (v: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return values.map((v) => {
    const below = lowerBound(v);
    let end = below;
    while (end < sorted.length && sorted[end] === v) end++;
    return (below + end) / 2 / sorted.length;
  });
}

/** Fills the `_pct` features within each presentation (all its learners share one scoring day). */
function addPercentiles(rows: LearnerFeatures[]): void {
  const byPresentation = new Map<string, LearnerFeatures[]>();
  for (const r of rows) {
    const k = presentationKey(r.module, r.presentation);
    const list = byPresentation.get(k);
    if (list) list.push(r);
    else byPresentation.set(k, [r]);
  }
  for (const group of byPresentation.values())
    for (const [from, to] of PERCENTILES) {
      const j = FEATURE_NAMES.indexOf(from);
      const k = FEATURE_NAMES.indexOf(to);
      const pct = midRankPercentiles(group.map((r) => r.values[j] as number));
      group.forEach((r, i) => {
        r.values[k] = pct[i] as number;
      });
    }
}
