import { boundingCone, polygonContains, separation } from '../fits/sky-geometry.js';

/**
 * Search regions of the VO queries, in ICRS degrees. A RANGE whose lon1 > lon2 crosses RA 0
 * (e.g. 350 10); the SIA v1 box (POS + SIZE) is a RANGE too.
 */
export type SkyRegion =
  | { shape: 'circle'; ra: number; dec: number; radius: number }
  | { shape: 'range'; lon1: number; lon2: number; lat1: number; lat2: number }
  | { shape: 'polygon'; vertices: [number, number][] };

export interface Cone {
  ra: number;
  dec: number;
  radius: number;
}

const WHOLE_SKY: Cone = { ra: 0, dec: 0, radius: 180 };

const wrap = (ra: number) => ((ra % 360) + 360) % 360;

/** RA extent of a range, in degrees (0…360). */
function lonSpan(lon1: number, lon2: number): number {
  if (lon2 - lon1 >= 360) return 360;
  const span = wrap(lon2) - wrap(lon1);
  return span < 0 || (span === 0 && lon2 !== lon1) ? span + 360 : span;
}

function inLonRange(ra: number, lon1: number, lon2: number): boolean {
  const span = lonSpan(lon1, lon2);
  if (span >= 360) return true;
  const offset = wrap(ra) - wrap(lon1);
  return (offset < 0 ? offset + 360 : offset) <= span + 1e-12;
}

/** Whether (ra, dec) lies in the region (on its edge counts). */
export function regionContains(region: SkyRegion, ra: number, dec: number): boolean {
  switch (region.shape) {
    case 'circle':
      return separation(region.ra, region.dec, ra, dec) <= region.radius + 1e-12;
    case 'range':
      return dec >= region.lat1 && dec <= region.lat2 && inLonRange(ra, region.lon1, region.lon2);
    case 'polygon':
      return polygonContains(region.vertices, ra, dec);
  }
}

/** Points on a range's edge, for its bounding cone and its overlap tests. */
export function rangeOutline(region: Extract<SkyRegion, { shape: 'range' }>): [number, number][] {
  const steps = 16;
  const span = lonSpan(region.lon1, region.lon2);
  const points: [number, number][] = [];
  for (let i = 0; i <= steps; i++) {
    const ra = wrap(region.lon1 + (span * i) / steps);
    const dec = region.lat1 + ((region.lat2 - region.lat1) * i) / steps;
    points.push([ra, region.lat1], [ra, region.lat2]);
    points.push([wrap(region.lon1), dec], [wrap(region.lon1 + span), dec]);
  }
  return points;
}

/** A region's centre, for "the region lies in the image" tests. */
export function regionCentre(region: SkyRegion): [number, number] {
  if (region.shape === 'circle') return [region.ra, region.dec];
  const cone = boundingConeOf(region);
  return [cone.ra, cone.dec];
}

/**
 * A cone holding the whole region, for the catalog's candidate search. A range's cone is found
 * from its sampled outline and widened by 1 % (a parallel bulges between samples).
 */
export function boundingConeOf(region: SkyRegion): Cone {
  switch (region.shape) {
    case 'circle':
      return { ra: region.ra, dec: region.dec, radius: Math.min(180, region.radius) };
    case 'polygon':
      return boundingCone(region.vertices);
    case 'range': {
      if (lonSpan(region.lon1, region.lon2) > 180) return WHOLE_SKY;
      if (region.lat2 >= 90 || region.lat1 <= -90) {
        const pole = region.lat2 >= 90 ? 90 : -90;
        const far = pole > 0 ? region.lat1 : region.lat2;
        return { ra: 0, dec: pole, radius: Math.min(180, Math.abs(pole - far)) };
      }
      const cone = boundingCone(rangeOutline(region));
      return { ...cone, radius: Math.min(180, cone.radius * 1.01 + 1e-9) };
    }
  }
}

/** Corner points of a region, for "the image covers the region" tests. */
export function regionOutline(region: SkyRegion): [number, number][] {
  switch (region.shape) {
    case 'circle': {
      const points: [number, number][] = [];
      for (let i = 0; i < 8; i++) {
        const angle = (i * Math.PI) / 4;
        const dec = Math.max(-90, Math.min(90, region.dec + region.radius * Math.sin(angle)));
        const cosDec = Math.max(Math.cos((region.dec * Math.PI) / 180), 1e-9);
        points.push([wrap(region.ra + (region.radius * Math.cos(angle)) / cosDec), dec]);
      }
      return points;
    }
    case 'range':
      return rangeOutline(region);
    case 'polygon':
      return region.vertices;
  }
}

/** SIA v1's box: SIZE width (along RA, as an angle on the sky) × height around POS. */
export function boxRegion(ra: number, dec: number, width: number, height: number): SkyRegion {
  const lat1 = Math.max(-90, dec - height / 2);
  const lat2 = Math.min(90, dec + height / 2);
  const cosDec = Math.cos((Math.max(Math.abs(lat1), Math.abs(lat2)) * Math.PI) / 180);
  const halfLon = cosDec <= 1e-9 ? 180 : width / 2 / cosDec;
  if (halfLon >= 180) return { shape: 'range', lon1: 0, lon2: 360, lat1, lat2 };
  return { shape: 'range', lon1: wrap(ra - halfLon), lon2: wrap(ra + halfLon), lat1, lat2 };
}
