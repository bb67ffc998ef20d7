/** Great-circle geometry on the celestial sphere, all angles in degrees. */

const D2R = Math.PI / 180;
const R2D = 180 / Math.PI;

export type UnitVector = readonly [number, number, number];

export function unitVector(ra: number, dec: number): UnitVector {
  const cd = Math.cos(dec * D2R);
  return [cd * Math.cos(ra * D2R), cd * Math.sin(ra * D2R), Math.sin(dec * D2R)];
}

/** Angular separation by the haversine-free vector form, exact at all distances. */
export function separation(ra1: number, dec1: number, ra2: number, dec2: number): number {
  const a = unitVector(ra1, dec1);
  const b = unitVector(ra2, dec2);
  const cross = Math.hypot(
    a[1] * b[2] - a[2] * b[1],
    a[2] * b[0] - a[0] * b[2],
    a[0] * b[1] - a[1] * b[0],
  );
  const dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  return Math.atan2(cross, dot) * R2D;
}

/**
 * Whether a point lies inside a spherical polygon whose edges are great-circle arcs, given in
 * order (either winding). The polygon must be smaller than a hemisphere, as image footprints are:
 * the point is inside when it is on the same side of every edge as the polygon's centroid.
 */
export function polygonContains(
  polygon: readonly (readonly [number, number])[],
  ra: number,
  dec: number,
): boolean {
  if (polygon.length < 3) return false;
  const vertices = polygon.map(([r, d]) => unitVector(r, d));
  const centroid = vertices.reduce<[number, number, number]>(
    (sum, v) => [sum[0] + v[0], sum[1] + v[1], sum[2] + v[2]],
    [0, 0, 0],
  );
  const p = unitVector(ra, dec);
  for (let i = 0; i < vertices.length; i++) {
    const a = vertices[i] as UnitVector;
    const b = vertices[(i + 1) % vertices.length] as UnitVector;
    const n: UnitVector = [
      a[1] * b[2] - a[2] * b[1],
      a[2] * b[0] - a[0] * b[2],
      a[0] * b[1] - a[1] * b[0],
    ];
    const side = n[0] * centroid[0] + n[1] * centroid[1] + n[2] * centroid[2];
    const pointSide = n[0] * p[0] + n[1] * p[1] + n[2] * p[2];
    if (side * pointSide < -1e-15) return false;
  }
  return true;
}

/** The smallest cone (centre and radius) found around a polygon: its centroid and farthest vertex. */
export function boundingCone(polygon: readonly (readonly [number, number])[]): {
  ra: number;
  dec: number;
  radius: number;
} {
  const sum = polygon
    .map(([r, d]) => unitVector(r, d))
    .reduce<[number, number, number]>((s, v) => [s[0] + v[0], s[1] + v[1], s[2] + v[2]], [0, 0, 0]);
  const norm = Math.hypot(sum[0], sum[1], sum[2]) || 1;
  const dec = Math.asin(sum[2] / norm) * R2D;
  let ra = Math.atan2(sum[1], sum[0]) * R2D;
  if (ra < 0) ra += 360;
  const radius = Math.max(0, ...polygon.map(([r, d]) => separation(ra, dec, r, d)));
  return { ra, dec, radius };
}
