/**
 * FITS archive engine: pure reading, WCS, statistics, checksums and previews over a `ByteSource`
 * (no files, threads, clock, HTTP or database; those live in `../fits-io/`).
 */

export { computeArrayStats } from './array-stats.js';
export { type ByteSource, bufferSource } from './byte-source.js';
export { type FitsComplex, type FitsValue, parseValueField } from './card-value.js';
export {
  type ChecksumReport,
  checksumAdd,
  checksumUpdate,
  dataChecksum,
  encodeChecksum,
  verifyHdu,
} from './checksum.js';
export {
  type CutoutRequest,
  type CutoutResult,
  type CutoutUnit,
  cutoutSource,
  MAX_CUTOUT_SIDE,
} from './cutout.js';
export { FitsError, type FitsErrorCode, type FitsLocation, type FitsWarning } from './errors.js';
export {
  encodePhysical,
  formatCard,
  formatNumber,
  type HeaderCard,
  type PrimaryImageInput,
  type StoredScaling,
  serializeHeader,
  writePrimaryImage,
} from './fits-writer.js';
export { type FitsFile, type Hdu, type HduType, readFitsStructure } from './hdu-walker.js';
export { type Card, Header } from './header.js';
export {
  cellCentre,
  cellCount,
  cellOf,
  cellRadiusBound,
  MAX_HEALPIX_ORDER,
} from './healpix.js';
export {
  createPixelPass,
  type ImageGeometry,
  type ImagePlane,
  imageGeometry,
  isImageHdu,
  type PixelPass,
  readImagePlane,
} from './image-reader.js';
export { imageStats } from './image-stats.js';
export {
  type ChecksumStatus,
  type PlannedCard,
  type PlannedImage,
  planIngest,
  type QaGrade,
} from './ingest-plan.js';
export {
  type HduReport,
  type InspectOptions,
  type InspectReport,
  inspectFits,
  pickHdu,
} from './inspect.js';
export { downsample, type PreviewOptions, type PreviewResult, renderPreview } from './preview.js';
export { previewSource, type SourcePreviewRequest } from './preview-source.js';
export { type Scaling, scalingOf } from './scaling.js';
export {
  type ImageSummary,
  readBeam,
  readSpectralAxis,
  summarizeImage,
} from './science-summary.js';
export { type CellRange, coneCover, mergeRanges } from './sky-cover.js';
export {
  boundingCone,
  polygonContains,
  separation,
  type UnitVector,
  unitVector,
} from './sky-geometry.js';
export { computeStats, type PixelStats, type StatsOptions } from './stats.js';
export { STRETCHES, type StretchName } from './stretch.js';
export { readColumn, readTableInfo, type TableColumn, type TableInfo } from './table.js';
export { type ValidationIssue, validateHdu } from './validation.js';
export {
  type CelestialWcs,
  pixelToWorld,
  readCelestialWcs,
  summarizeWcs,
  type WcsSummary,
} from './wcs.js';
export { worldToPixel } from './world-to-pixel.js';
export { zscale } from './zscale.js';
