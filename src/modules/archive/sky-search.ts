import { and, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '#platform/db/index.js';
import { cellOf, coneCover, polygonContains, separation, unitVector } from './fits/index.js';
import {
  archiveFootprintCells,
  archiveImages,
  FOOTPRINT_INDEX_ORDER,
  SKY_INDEX_ORDER,
} from './tables.js';

const D2R = Math.PI / 180;

export interface Cone {
  ra: number;
  dec: number;
  /** Degrees. */
  radius: number;
}

/** The sky-index columns of an image centred at (ra, dec). */
export function skyColumns(ra: number, dec: number) {
  const [x, y, z] = unitVector(ra, dec);
  return {
    centreRa: ra,
    centreDec: dec,
    centreX: x,
    centreY: y,
    centreZ: z,
    skyCell: cellOf(SKY_INDEX_ORDER, ra, dec),
  };
}

/**
 * The WHERE condition of a cone search on image centres: B-tree range scans over `sky_cell`
 * (the HEALPix cover of the cone), then the exact great-circle test as a dot product of unit
 * vectors, so nothing outside the cone and nothing inside it is lost at RA 0/360 or the poles.
 */
export function coneCondition({ ra, dec, radius }: Cone): SQL {
  const ranges = coneCover(SKY_INDEX_ORDER, ra, dec, radius);
  const [x, y, z] = unitVector(ra, dec);
  const inRanges = or(
    ...ranges.map(
      (r) => sql`(${archiveImages.skyCell} >= ${r.from} AND ${archiveImages.skyCell} < ${r.to})`,
    ),
  ) as SQL;
  // cos() of the radius, loosened by a hair so a point exactly on the edge is kept.
  const minDot = Math.cos(Math.min(180, radius) * D2R) - 1e-12;
  const exact = sql`(${archiveImages.centreX} * ${x} + ${archiveImages.centreY} * ${y} + ${archiveImages.centreZ} * ${z}) >= ${minDot}`;
  return and(inRanges, exact) as SQL;
}

/** The footprint cells of an image, for the point-in-footprint index. */
export function footprintCells(footprint: readonly (readonly [number, number])[]): number[] {
  const cells = new Set<number>();
  if (footprint.length === 0) return [];
  let sum: [number, number, number] = [0, 0, 0];
  for (const [r, d] of footprint) {
    const v = unitVector(r, d);
    sum = [sum[0] + v[0], sum[1] + v[1], sum[2] + v[2]];
  }
  const norm = Math.hypot(...sum) || 1;
  const dec = (Math.asin(sum[2] / norm) * 180) / Math.PI;
  const ra = ((Math.atan2(sum[1], sum[0]) * 180) / Math.PI + 360) % 360;
  const radius = Math.max(...footprint.map(([r, d]) => separation(ra, dec, r, d)));
  for (const range of coneCover(FOOTPRINT_INDEX_ORDER, ra, dec, radius, 4096)) {
    for (let cell = range.from; cell < range.to; cell++) cells.add(cell);
  }
  return [...cells];
}

/** Images whose footprint may contain the point: an index lookup, refined by `footprintHolds`. */
export function footprintCandidates(ra: number, dec: number): SQL {
  const cell = cellOf(FOOTPRINT_INDEX_ORDER, ra, dec);
  return sql`${archiveImages.id} IN (SELECT ${archiveFootprintCells.imageId} FROM ${archiveFootprintCells} WHERE ${archiveFootprintCells.cell} = ${cell})`;
}

export function footprintHolds(
  footprint: readonly (readonly [number, number])[] | null,
  ra: number,
  dec: number,
): boolean {
  return footprint !== null && polygonContains(footprint, ra, dec);
}

/** Ids of live images whose centre lies in the cone. */
export async function imagesInCone(
  db: Executor,
  cone: Cone,
): Promise<{ id: string; ra: number; dec: number }[]> {
  const rows = await db
    .select({ id: archiveImages.id, ra: archiveImages.centreRa, dec: archiveImages.centreDec })
    .from(archiveImages)
    .where(and(coneCondition(cone), isNull(archiveImages.deletedAt)));
  return rows.map((r) => ({ id: r.id, ra: r.ra ?? 0, dec: r.dec ?? 0 }));
}
