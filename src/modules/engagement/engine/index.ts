export * from './codered.js';
export {
  type EvaluationReport,
  evaluateRiskModel,
  filterPresentations,
  type LearnerPrediction,
} from './evaluation.js';
export {
  buildFeatures,
  CLICK_FEATURES,
  FEATURE_NAMES,
  FEATURES,
  type FeatureName,
  type LearnerFeatures,
  scoringDay,
  withdrawnBy,
} from './features.js';
export {
  auc,
  brier,
  type CalibrationBin,
  calibrationBins,
  ece,
  type MetricSummary,
  summarise,
  summariseBy,
} from './metrics.js';
export {
  DEFAULT_MODEL_FEATURES,
  MODEL_FEATURES_WITH_CLICKS,
  parseRiskModel,
  predictRisk,
  type RiskModel,
  type RiskModelKind,
  type RiskPrediction,
  type RiskRow,
  type TrainOptions,
  trainRiskModel,
} from './model.js';
export type * from './records.js';
export { atRisk } from './records.js';
