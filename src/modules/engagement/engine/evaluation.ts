import { buildFeatures, type LearnerFeatures, scoringDay, withdrawnBy } from './features.js';
import {
  type CalibrationBin,
  calibrationBins,
  type MetricSummary,
  summarise,
  summariseBy,
} from './metrics.js';
import {
  DEFAULT_MODEL_FEATURES,
  MODEL_FEATURES_WITH_CLICKS,
  predictRisk,
  type RiskModel,
  type TrainOptions,
  trainRiskModel,
} from './model.js';
import { atRisk, type OuladData } from './records.js';

export interface LearnerPrediction {
  module: string;
  presentation: string;
  studentId: string;
  asOf: number;
  risk: number;
  label: 0 | 1 | null;
  groups: LearnerFeatures['groups'];
  /** Already unregistered by the scoring day: risk 1, and left out of every metric. */
  withdrawn?: true;
}

export interface EvaluationReport {
  model: RiskModel;
  predictions: LearnerPrediction[];
  /** Test learners already withdrawn by their scoring day (in `predictions` with risk 1, not scored). */
  leftOut: number;
  /** Metrics over the learners with an outcome; absent when no test learner has one. */
  metrics?: {
    overall: MetricSummary;
    byPresentation: Array<{ module: string; presentation: string } & MetricSummary>;
    calibration: CalibrationBin[];
    byGender: Array<{ group: string } & MetricSummary>;
    byAgeBand: Array<{ group: string } & MetricSummary>;
    byDisability: Array<{ group: string } & MetricSummary>;
  };
}

/** Keeps the rows of the named presentations only (all of them when `codes` is empty). */
export function filterPresentations(data: OuladData, codes: readonly string[]): OuladData {
  if (codes.length === 0) return data;
  const keep = new Set(codes);
  const assessments = data.assessments.filter((a) => keep.has(a.presentation));
  const ids = new Set(assessments.map((a) => a.id));
  return {
    presentations: data.presentations.filter((p) => keep.has(p.presentation)),
    assessments,
    students: data.students.filter((s) => keep.has(s.presentation)),
    registrations: data.registrations.filter((r) => keep.has(r.presentation)),
    results: data.results.filter((r) => ids.has(r.assessmentId)),
    clicks: data.clicks?.filter((c) => keep.has(c.presentation)),
  };
}

/**
 * The offline evaluation: features of both sets as of `at` × each presentation's length, a model
 * trained on the training learners with an outcome, every test learner scored, and metrics over the
 * test learners whose outcome is known.
 */
export function evaluateRiskModel(
  train: OuladData,
  test: OuladData,
  at: number,
  options: TrainOptions = {},
): EvaluationReport {
  const asOf = (length: number) => scoringDay(length, at);
  const trainRows = buildFeatures(train, asOf).filter((r) => r.label !== null);
  if (trainRows.length === 0) throw new Error('the training data has no learner with an outcome');
  if (new Set(trainRows.map((r) => r.label)).size < 2)
    throw new Error('the training data needs both outcomes (at risk and not)');
  // Click features only when both sides have a click stream: a model trained on clicks cannot
  // score learners whose clicks are unknown.
  const clicks = (train.clicks?.length ?? 0) > 0 && (test.clicks?.length ?? 0) > 0;
  const model = trainRiskModel(
    trainRows,
    trainRows.map((r) => r.label as number),
    undefined,
    {
      featureNames: clicks ? MODEL_FEATURES_WITH_CLICKS : DEFAULT_MODEL_FEATURES,
      ...options,
    },
  );
  const testRows = buildFeatures(test, asOf);
  const predictions: LearnerPrediction[] = testRows.map((r) => ({
    module: r.module,
    presentation: r.presentation,
    studentId: r.studentId,
    asOf: r.asOf,
    risk: predictRisk(model, r).probability,
    label: r.label,
    groups: r.groups,
  }));
  const withdrawn = withdrawnBy(test, asOf);
  const outcomeOf = new Map(
    test.students.map((s) => [`${s.module}\u0000${s.presentation}\u0000${s.studentId}`, s]),
  );
  for (const w of withdrawn) {
    const s = outcomeOf.get(`${w.module}\u0000${w.presentation}\u0000${w.studentId}`);
    predictions.push({
      ...w,
      risk: 1,
      label: atRisk(s?.finalResult ?? null),
      groups: {
        gender: s?.gender ?? 'unknown',
        ageBand: s?.ageBand ?? 'unknown',
        disability: s?.disability == null ? 'unknown' : s.disability ? 'Y' : 'N',
      },
      withdrawn: true,
    });
  }
  const report: EvaluationReport = { model, predictions, leftOut: withdrawn.length };
  const known = predictions.filter((p) => p.label !== null && !p.withdrawn);
  if (known.length === 0) return report;
  const risk = (p: LearnerPrediction) => p.risk;
  const label = (p: LearnerPrediction) => p.label as number;
  const byKey = new Map<string, LearnerPrediction[]>();
  for (const p of known) {
    const k = `${p.module}\u0000${p.presentation}`;
    const list = byKey.get(k);
    if (list) list.push(p);
    else byKey.set(k, [p]);
  }
  report.metrics = {
    overall: summarise(known.map(risk), known.map(label)),
    byPresentation: [...byKey.values()]
      .map((list) => ({
        module: list[0]?.module ?? '',
        presentation: list[0]?.presentation ?? '',
        ...summarise(list.map(risk), list.map(label)),
      }))
      .sort(
        (a, b) => a.module.localeCompare(b.module) || a.presentation.localeCompare(b.presentation),
      ),
    calibration: calibrationBins(known.map(risk), known.map(label)),
    byGender: summariseBy(known, risk, label, (p) => p.groups.gender),
    byAgeBand: summariseBy(known, risk, label, (p) => p.groups.ageBand),
    byDisability: summariseBy(known, risk, label, (p) => p.groups.disability),
  };
  return report;
}
