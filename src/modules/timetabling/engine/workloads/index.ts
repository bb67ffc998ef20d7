export {
  FEATURE_NAMES,
  type FeatureName,
  type Features,
  featureVector,
  termFeatures,
} from './features.js';
export { generateWorkload } from './generate.js';
export {
  type IntRange,
  PRESET_NAMES,
  PRESETS,
  type PresetName,
  type WorkloadParams,
} from './presets.js';
