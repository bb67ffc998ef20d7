import { project } from './projections.js';
import { celestialToNative } from './sphere.js';
import type { CelestialWcs } from './wcs.js';

/**
 * Celestial (lon, lat) in degrees → FITS 1-based pixel (x = axis 1, y = axis 2), the inverse of
 * `pixelToWorld`. Null when the position does not project (behind the TAN/SIN hemisphere, past
 * the AZP horizon) or the linear transform is singular.
 */
export function worldToPixel(
  wcs: CelestialWcs,
  lon: number,
  lat: number,
): { x: number; y: number } | null {
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90) return null;
  const native = celestialToNative(lon, lat, wcs.pole);
  const plane = project(wcs.projection, native.phi, native.theta, wcs.pv);
  if (!plane) return null;
  const [i1, i2] = wcs.lonAxis === 0 ? [plane.x, plane.y] : [plane.y, plane.x];
  const [[a, b], [c, d]] = wcs.matrix;
  const det = a * d - b * c;
  if (det === 0 || !Number.isFinite(det)) return null;
  return {
    x: wcs.crpix[0] + (d * i1 - b * i2) / det,
    y: wcs.crpix[1] + (a * i2 - c * i1) / det,
  };
}
