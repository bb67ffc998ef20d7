import { boundingCone } from '../fits/sky-geometry.js';
import type { VoImage } from './catalog.js';

const SPEED_OF_LIGHT = 299_792_458;
const MJD_EPOCH_MS = Date.UTC(1858, 10, 17);

/** Modified Julian Date of an instant. */
export const mjdOf = (date: Date): number => (date.getTime() - MJD_EPOCH_MS) / 86_400_000;

/** The instant of a Modified Julian Date (±Inf stay open ends). */
export const dateOfMjd = (mjd: number): Date | undefined =>
  Number.isFinite(mjd) ? new Date(MJD_EPOCH_MS + mjd * 86_400_000) : undefined;

/** Frequency band in Hz: frequencyHz ± bandwidthHz/2, or the frequency alone. */
export function frequencyBand(image: VoImage): { low: number; high: number } | null {
  if (image.frequencyHz === null || image.frequencyHz <= 0) return null;
  const half = Math.max(0, (image.bandwidthHz ?? 0) / 2);
  return {
    low: Math.max(image.frequencyHz - half, Number.MIN_VALUE),
    high: image.frequencyHz + half,
  };
}

/** The band as wavelengths in metres (ObsCore em_min/em_max, SIA v1 BandPass). */
export function wavelengthBand(image: VoImage): { min: number; max: number; ref: number } | null {
  const band = frequencyBand(image);
  if (!band || image.frequencyHz === null) return null;
  return {
    min: SPEED_OF_LIGHT / band.high,
    max: SPEED_OF_LIGHT / band.low,
    ref: SPEED_OF_LIGHT / image.frequencyHz,
  };
}

/** Hz ↔ m for the BAND parameter (an open end stays open). */
export const hzOfMetres = (metres: number): number =>
  metres <= 0 ? Number.POSITIVE_INFINITY : SPEED_OF_LIGHT / metres;

/** The image's extent as the diameter of a cone around it (ObsCore s_fov), in degrees. */
export function fieldOfView(image: VoImage): number | null {
  if (image.footprint && image.footprint.length >= 3)
    return 2 * boundingCone(image.footprint).radius;
  const [nx, ny] = image.shape;
  if (image.pixelScaleDeg === null || nx === undefined || ny === undefined) return null;
  return Math.hypot(nx, ny) * image.pixelScaleDeg;
}

/** A short human title: the target, the product and its version, the HDU when not the first. */
export function titleOf(image: VoImage): string {
  const hdu = image.extName ?? (image.hduIndex > 0 ? `HDU ${image.hduIndex}` : null);
  const product = `${image.productName} v${image.productVersion}${hdu ? ` [${hdu}]` : ''}`;
  return image.object ? `${image.object} (${product})` : product;
}

/** ObsCore's dataproduct_type: a plane is an image, more axes a cube. */
export const productTypeOf = (image: VoImage): 'image' | 'cube' =>
  image.shape.filter((n) => n > 1).length > 2 ? 'cube' : 'image';

/** STC-S of the footprint, for ObsCore s_region. */
export function stcRegionOf(image: VoImage): string | null {
  if (!image.footprint || image.footprint.length < 3) return null;
  return `POLYGON ICRS ${image.footprint.map(([ra, dec]) => `${ra} ${dec}`).join(' ')}`;
}

/** A UCD for the pixel values, from BUNIT where it is unambiguous. */
export function observableUcdOf(image: VoImage): string | null {
  const unit = image.bunit?.trim().toLowerCase() ?? '';
  if (unit.startsWith('jy') || unit.startsWith('mjy')) return 'phot.flux.density';
  if (unit === 'k') return 'phot.antennaTemp';
  return null;
}
