import { evaluateRiskModel } from '../engine/evaluation.js';
import { buildFeatures, scoringDay } from '../engine/features.js';
import { DEFAULT_MODEL_FEATURES, type RiskModel, type RiskModelKind } from '../engine/model.js';
import type { OuladData } from '../engine/records.js';
import { UNSTORED_FEATURES } from './training-data.js';

/** Fewer learners with an outcome than this, or fewer of either class, cannot be trained on. */
export const MIN_OUTCOMES = 20;
export const MIN_PER_CLASS = 4;
/** Share of the learners kept out of training to evaluate the model on. */
const TEST_SHARE = 0.3;

export const STORED_MODEL_FEATURES = DEFAULT_MODEL_FEATURES.filter(
  (f) => !(UNSTORED_FEATURES as readonly string[]).includes(f),
);

export interface TrainingRefusal {
  code: 'TOO_FEW_OUTCOMES' | 'ONE_CLASS_ONLY';
  message: string;
}

/** Why this history cannot be trained on, or null when it can. */
export function refusalOf(data: OuladData, predictAt: number): TrainingRefusal | null {
  const rows = buildFeatures(data, (length) => scoringDay(length, predictAt)).filter(
    (r) => r.label !== null,
  );
  const positives = rows.filter((r) => r.label === 1).length;
  const negatives = rows.length - positives;
  if (rows.length < MIN_OUTCOMES)
    return {
      code: 'TOO_FEW_OUTCOMES',
      message: `Too few outcomes to train on: ${rows.length} learners with an outcome still registered at the scoring point, at least ${MIN_OUTCOMES} are needed`,
    };
  if (positives < MIN_PER_CLASS || negatives < MIN_PER_CLASS)
    return {
      code: 'ONE_CLASS_ONLY',
      message: `The outcomes are (nearly) one class only: ${positives} at risk (Fail/Withdrawn) and ${negatives} not; at least ${MIN_PER_CLASS} of each are needed`,
    };
  return null;
}

/** A stable pseudo-random number in [0, 1) from a string (FNV-1a). */
function unit(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) / 4294967296;
}

function studentsWhere(data: OuladData, keep: (studentId: string) => boolean): OuladData {
  return {
    ...data,
    students: data.students.filter((s) => keep(s.studentId)),
    registrations: data.registrations.filter((r) => keep(r.studentId)),
    results: data.results.filter((r) => keep(r.studentId)),
  };
}

export interface StoredEvaluation {
  predictAt: number;
  features: string[];
  leftOutFeatures: string[];
  train: { learners: number };
  test: { learners: number; withdrawnBeforeScoring: number };
  metrics: NonNullable<ReturnType<typeof evaluateRiskModel>['metrics']> | null;
}

/**
 * Trains on a seeded ~70 % of the learners (stratified by outcome) and evaluates on the rest: the
 * stored model is the one evaluated, so the figures are the model's own on learners it never saw.
 */
export function trainAndEvaluate(
  data: OuladData,
  kind: RiskModelKind,
  predictAt: number,
): { model: RiskModel; evaluation: StoredEvaluation } {
  const inTest = new Set<string>();
  const byClass = new Map<string, string[]>();
  for (const s of data.students) {
    const k = String(s.finalResult === 'Fail' || s.finalResult === 'Withdrawn');
    byClass.set(k, [...(byClass.get(k) ?? []), s.studentId]);
  }
  for (const ids of byClass.values()) {
    const sorted = [...new Set(ids)].sort((a, b) => unit(a) - unit(b));
    for (const id of sorted.slice(0, Math.round(sorted.length * TEST_SHARE))) inTest.add(id);
  }
  const train = studentsWhere(data, (id) => !inTest.has(id));
  const test = studentsWhere(data, (id) => inTest.has(id));
  const report = evaluateRiskModel(train, test, predictAt, {
    kind,
    featureNames: STORED_MODEL_FEATURES,
  });
  return {
    model: report.model,
    evaluation: {
      predictAt,
      features: [...STORED_MODEL_FEATURES],
      leftOutFeatures: [...UNSTORED_FEATURES, 'clicks (not imported)'],
      train: { learners: new Set(train.students.map((s) => s.studentId)).size },
      test: { learners: report.predictions.length, withdrawnBeforeScoring: report.leftOut },
      metrics: report.metrics ?? null,
    },
  };
}
