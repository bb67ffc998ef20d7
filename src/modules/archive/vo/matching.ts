import { polygonContains } from '../fits/sky-geometry.js';
import type { VoImage } from './catalog.js';
import { regionCentre, regionContains, regionOutline, type SkyRegion } from './regions.js';

/** SIA v1's INTERSECT; SIA v2's POS always means `overlaps`. */
export type Intersect = 'overlaps' | 'center' | 'covers' | 'enclosed';

/**
 * Whether an image meets a region, from its centre and (when the WCS gave one) its footprint's
 * corners. `overlaps` holds when the centre or a footprint corner lies in the region, or the
 * region's centre lies in the footprint: footprints that only cross a region's edge, with no
 * corner inside either, are missed. `covers` needs a footprint holding the region's outline;
 * `enclosed` needs every corner (or, without a footprint, the centre) inside the region.
 * Candidates come from a cone around the region that holds image centres, so an image whose
 * centre lies outside the region's bounding cone is never considered.
 */
export function imageMeets(image: VoImage, region: SkyRegion, intersect: Intersect): boolean {
  const footprint = image.footprint && image.footprint.length >= 3 ? image.footprint : null;
  const centreInside = regionContains(region, image.centreRa, image.centreDec);
  switch (intersect) {
    case 'center':
      return centreInside;
    case 'overlaps': {
      if (centreInside) return true;
      if (!footprint) return false;
      if (footprint.some(([ra, dec]) => regionContains(region, ra, dec))) return true;
      const [ra, dec] = regionCentre(region);
      return polygonContains(footprint, ra, dec);
    }
    case 'covers':
      return (
        footprint !== null &&
        regionOutline(region).every(([ra, dec]) => polygonContains(footprint, ra, dec))
      );
    case 'enclosed':
      return footprint
        ? footprint.every(([ra, dec]) => regionContains(region, ra, dec))
        : centreInside;
  }
}
