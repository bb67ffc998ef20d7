import type { ConeFilters, VoCatalog, VoImage } from './catalog.js';
import { type Intersect, imageMeets } from './matching.js';
import { boundingConeOf, type SkyRegion } from './regions.js';

export interface ImageSearch {
  /** OR-ed; none means the whole sky. */
  regions: SkyRegion[];
  intersect: Intersect;
  /**
   * Degrees added to each candidate cone when footprints decide (`overlaps`, `covers`): an image
   * whose centre lies farther outside the region than this is not found.
   */
  marginDeg: number;
  /** Passed to the catalog to narrow its candidates; `keep` decides exactly. */
  hint?: ConeFilters;
  keep: (image: VoImage) => boolean;
  maxrec: number;
  /** The most candidates fetched for one region before the answer is called an overflow. */
  scanLimit: number;
}

const WHOLE_SKY: SkyRegion = { shape: 'range', lon1: 0, lon2: 360, lat1: -90, lat2: 90 };

/**
 * Candidates from the catalog's cone around each region, then the exact region test and filters
 * here. The catalog is asked for MAXREC+1 rows first and for twice as many while the exact tests
 * leave too few and the catalog may hold more, up to `scanLimit` (nearest first, so each larger
 * fetch extends the previous one). `overflow` is DALI's: more rows matched (or may match) than
 * were returned.
 */
export async function searchImages(
  catalog: VoCatalog,
  search: ImageSearch,
): Promise<{ images: VoImage[]; overflow: boolean }> {
  if (search.maxrec === 0) return { images: [], overflow: false };
  const regions = search.regions.length > 0 ? search.regions : [WHOLE_SKY];
  const widen = search.intersect === 'overlaps' || search.intersect === 'covers';
  const found = new Map<string, VoImage>();
  let overflow = false;
  for (const region of regions) {
    const cone = boundingConeOf(region);
    const query = {
      ...cone,
      radius: Math.min(180, cone.radius + (widen ? search.marginDeg : 0)),
    };
    const wanted = search.maxrec + 1 - found.size;
    if (wanted <= 0) break;
    let limit = Math.min(wanted, search.scanLimit);
    for (;;) {
      const candidates = await catalog.cone(query, limit, search.hint);
      const matches = candidates.filter(
        (image) =>
          !found.has(image.id) && imageMeets(image, region, search.intersect) && search.keep(image),
      );
      const exhausted = candidates.length < limit;
      if (matches.length >= wanted || exhausted || limit >= search.scanLimit) {
        for (const image of matches) found.set(image.id, image);
        if (!exhausted && matches.length < wanted) overflow = true;
        break;
      }
      limit = Math.min(limit * 2, search.scanLimit);
    }
  }
  const images = [...found.values()];
  return {
    images: images.slice(0, search.maxrec),
    overflow: overflow || images.length > search.maxrec,
  };
}
