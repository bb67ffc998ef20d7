import {
  type BoostedTrees,
  type BoostingOptions,
  explainBoosted,
  fitBoostedTrees,
} from './boosting.js';
import { CLICK_FEATURES, FEATURE_NAMES, type FeatureName } from './features.js';
import { sigmoid } from './linalg.js';
import { fitLogistic } from './logistic.js';

/** Platt scaling: calibrated log-odds = a · raw log-odds + b. */
export interface PlattCalibration {
  a: number;
  b: number;
}

interface RiskModelCommon {
  version: 1;
  /** The features the model reads, by name (see features.ts). */
  featureNames: string[];
  /** Modules seen in training; each gets a log-odds offset (an unseen module gets none). */
  modules: string[];
  calibration: PlattCalibration;
  trainedOn: { count: number; positives: number; calibrationCount: number };
}

/** A trained L2 logistic risk model as JSON (what a model registry row stores). */
export interface LogisticRiskModel extends RiskModelCommon {
  kind: 'logistic';
  /** Standardisation of the features: z = (x − mean) / std; module indicators are not scaled. */
  mean: number[];
  std: number[];
  intercept: number;
  /** One weight per feature, then one per module. */
  weights: number[];
  lambda: number;
}

/** Gradient-boosted trees as JSON; the trees read the features, then the module indicators. */
export interface BoostedRiskModel extends RiskModelCommon {
  kind: 'boosted';
  trees: BoostedTrees;
}

export type RiskModel = LogisticRiskModel | BoostedRiskModel;
export type RiskModelKind = RiskModel['kind'];

export interface RiskFactorContribution {
  name: string;
  value: number;
  /** What this feature adds to the calibrated log-odds. */
  contribution: number;
}

export interface RiskPrediction {
  probability: number;
  /** Calibrated log-odds: `base` plus every factor's contribution. */
  logOdds: number;
  base: number;
  factors: RiskFactorContribution[];
}

export interface TrainOptions {
  kind?: RiskModelKind;
  /** The features to use (default: DEFAULT_MODEL_FEATURES). */
  featureNames?: readonly string[];
  /** L2 strength on the standardised logistic weights. */
  lambda?: number;
  boosting?: BoostingOptions;
  /** Share of the training rows kept out to fit the calibration (0 = none: identity). */
  calibrationShare?: number;
  seed?: number;
  /** Give each training module its own offset (default true). */
  moduleOffsets?: boolean;
}

/** One row to train on or score: its module, and its feature values named as in FEATURE_NAMES. */
export interface RiskRow {
  module: string;
  values: readonly number[];
}

/**
 * The features the model uses by default. Raw counts that only mirror a module's assessment
 * schedule (due, submitted, late, early) and raw scores (mark schemes differ) are left to their
 * fractions and cohort percentiles, which carry over to modules and years not trained on.
 * The click features are added (MODEL_FEATURES_WITH_CLICKS) when both sides have a click stream.
 */
export const DEFAULT_MODEL_FEATURES: readonly FeatureName[] = FEATURE_NAMES.filter(
  (n) =>
    ![
      'due',
      'submitted',
      'late',
      'early',
      'score_mean',
      'score_weighted',
      'score_due_zero',
      'score_min',
      'score_trend',
      'days_since_last_submission',
    ].includes(n) && !CLICK_FEATURES.includes(n),
);

export const MODEL_FEATURES_WITH_CLICKS: readonly FeatureName[] = [
  ...DEFAULT_MODEL_FEATURES,
  ...CLICK_FEATURES,
];

/** A small deterministic PRNG (mulberry32): the split depends on the seed only. */
export function seededRandom(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits row indices into (fit, calibration) with `share` going to calibration, stratified by label. */
export function holdoutSplit(labels: number[], share: number, seed: number): [number[], number[]] {
  const random = seededRandom(seed);
  const fit: number[] = [];
  const cal: number[] = [];
  for (const cls of [0, 1]) {
    const idx = labels.flatMap((y, i) => (y === cls ? [i] : []));
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [idx[i], idx[j]] = [idx[j] as number, idx[i] as number];
    }
    const k = Math.round(idx.length * share);
    cal.push(...idx.slice(0, k));
    fit.push(...idx.slice(k));
  }
  return [fit.sort((a, b) => a - b), cal.sort((a, b) => a - b)];
}

function standardiser(rows: number[][]): { mean: number[]; std: number[] } {
  const d = rows[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  const std = new Array<number>(d).fill(0);
  for (const r of rows)
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (r[j] as number) / rows.length;
  for (const r of rows)
    for (let j = 0; j < d; j++)
      std[j] = (std[j] as number) + ((r[j] as number) - (mean[j] as number)) ** 2 / rows.length;
  // A constant feature keeps std 1 so it contributes nothing rather than dividing by zero.
  return { mean, std: std.map((v) => (v > 1e-12 ? Math.sqrt(v) : 1)) };
}

const standardise = (row: number[], mean: number[], std: number[]) =>
  row.map((v, j) => (v - (mean[j] as number)) / (std[j] as number));

/** The model's input vector: the chosen features, then one indicator per training module. */
function inputOf(
  model: Pick<RiskModelCommon, 'featureNames' | 'modules'>,
  row: RiskRow,
  names: readonly string[],
): number[] {
  const v = model.featureNames.map((n) => {
    const j = names.indexOf(n);
    if (j < 0) throw new Error(`the model needs feature ${n}, which the row does not have`);
    return row.values[j] as number;
  });
  for (const m of model.modules) v.push(row.module === m ? 1 : 0);
  return v;
}

function logisticRaw(
  model: Pick<LogisticRiskModel, 'mean' | 'std' | 'intercept' | 'weights'>,
  input: number[],
) {
  const z = standardise(input, model.mean, model.std);
  return z.reduce((acc, v, j) => acc + v * (model.weights[j] as number), model.intercept);
}

/** Platt scaling fitted by the same Newton solver on one feature, nearly unpenalised. */
export function fitPlatt(rawLogOddsValues: number[], labels: number[]): PlattCalibration {
  if (rawLogOddsValues.length === 0 || new Set(labels).size < 2) return { a: 1, b: 0 };
  const fit = fitLogistic(
    rawLogOddsValues.map((v) => [v]),
    labels,
    { lambda: 1e-6 },
  );
  return { a: fit.weights[0] as number, b: fit.intercept };
}

/**
 * Trains a risk model: the base model on the fit part of `rows`, its Platt calibration on a
 * held-out part (stratified, seeded). `names` names the columns of every row's `values`.
 */
export function trainRiskModel(
  rows: readonly RiskRow[],
  labels: readonly number[],
  names: readonly string[] = FEATURE_NAMES,
  options: TrainOptions = {},
): RiskModel {
  if (rows.length === 0) throw new Error('no training rows');
  const featureNames = [...(options.featureNames ?? DEFAULT_MODEL_FEATURES)];
  const modules =
    options.moduleOffsets === false ? [] : [...new Set(rows.map((r) => r.module))].sort();
  const shape = { featureNames, modules };
  const inputs = rows.map((r) => inputOf(shape, r, names));
  const share = options.calibrationShare ?? 0.25;
  const [fitIdx, calIdx] =
    share > 0 ? holdoutSplit([...labels], share, options.seed ?? 1) : [rows.map((_, i) => i), []];
  const fitX = fitIdx.map((i) => inputs[i] as number[]);
  const fitY = fitIdx.map((i) => labels[i] as number);
  const trainedOn = {
    count: fitIdx.length,
    positives: fitY.filter((y) => y === 1).length,
    calibrationCount: calIdx.length,
  };
  const calY = calIdx.map((i) => labels[i] as number);
  if ((options.kind ?? 'logistic') === 'boosted') {
    const trees = fitBoostedTrees(fitX, fitY, options.boosting);
    const raw = (x: number[]) => explainBoosted(trees, x, x.length).logOdds;
    const calibration = fitPlatt(
      calIdx.map((i) => raw(inputs[i] as number[])),
      calY,
    );
    return { kind: 'boosted', version: 1, ...shape, trees, calibration, trainedOn };
  }
  const lambda = options.lambda ?? 1;
  const { mean, std } = standardiser(fitX);
  // Module indicators stay 0/1 so that an unseen module (all zeros) gets no offset at all.
  for (let j = featureNames.length; j < mean.length; j++) {
    mean[j] = 0;
    std[j] = 1;
  }
  const fit = fitLogistic(
    fitX.map((r) => standardise(r, mean, std)),
    fitY,
    { lambda },
  );
  const base = { mean, std, intercept: fit.intercept, weights: fit.weights };
  const calibration = fitPlatt(
    calIdx.map((i) => logisticRaw(base, inputs[i] as number[])),
    calY,
  );
  return { kind: 'logistic', version: 1, ...shape, ...base, lambda, calibration, trainedOn };
}

const factorNames = (model: RiskModel) => [
  ...model.featureNames,
  ...model.modules.map((m) => `module=${m}`),
];

/**
 * The calibrated risk of one row, with each input's share of the calibrated log-odds: a logistic
 * weight times the standardised value, or a tree's path attribution; `base` plus the shares is
 * the log-odds exactly.
 */
export function predictRisk(
  model: RiskModel,
  row: RiskRow,
  names: readonly string[] = FEATURE_NAMES,
): RiskPrediction {
  const { a, b } = model.calibration;
  const input = inputOf(model, row, names);
  let base: number;
  let shares: number[];
  if (model.kind === 'boosted') {
    const e = explainBoosted(model.trees, input, input.length);
    base = a * e.base + b;
    shares = e.contributions.map((c) => a * c);
  } else {
    const z = standardise(input, model.mean, model.std);
    base = a * model.intercept + b;
    shares = z.map((v, j) => a * (model.weights[j] as number) * v);
  }
  const factors = factorNames(model).map((name, j) => ({
    name,
    value: input[j] as number,
    contribution: shares[j] as number,
  }));
  const logOdds = factors.reduce((acc, f) => acc + f.contribution, base);
  return { probability: sigmoid(logOdds), logOdds, base, factors };
}

/** Reads a model back from JSON (e.g. a registry row), checking its shape. */
export function parseRiskModel(json: string): RiskModel {
  const m = JSON.parse(json) as Partial<RiskModel>;
  if (m.version !== 1 || (m.kind !== 'logistic' && m.kind !== 'boosted'))
    throw new Error('not a risk model (version 1, kind logistic or boosted)');
  if (!Array.isArray(m.featureNames) || !Array.isArray(m.modules) || !m.calibration)
    throw new Error('risk model: featureNames, modules and calibration are required');
  return m as RiskModel;
}
