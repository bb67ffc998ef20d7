import { cellCentre, cellCount, cellRadiusBound } from './healpix.js';
import { separation } from './sky-geometry.js';

/** A half-open range [from, to) of NESTED cell numbers at the index order. */
export interface CellRange {
  from: number;
  to: number;
}

/**
 * Cell ranges at `indexOrder` that together contain every point within `radius` degrees of
 * (ra, dec): a superset, to be followed by an exact distance filter. The search walks down the
 * NESTED tree from the 12 base cells, drops cells that cannot touch the disc, takes whole the
 * cells that lie inside it, and stops refining where cells get small against the radius, so the
 * answer stays a few dozen ranges whatever the radius.
 */
export function coneCover(
  indexOrder: number,
  ra: number,
  dec: number,
  radius: number,
  maxRanges = 64,
): CellRange[] {
  const stopOrder = Math.min(indexOrder, refineOrder(radius));
  const ranges: CellRange[] = [];
  const emit = (order: number, cell: number) => {
    const shift = 4 ** (indexOrder - order);
    ranges.push({ from: cell * shift, to: (cell + 1) * shift });
  };
  const visit = (order: number, cell: number) => {
    const centre = cellCentre(order, cell);
    const bound = cellRadiusBound(order);
    const distance = separation(ra, dec, centre.ra, centre.dec);
    if (distance > radius + bound) return;
    if (order >= stopOrder || distance + bound <= radius) {
      emit(order, cell);
      return;
    }
    for (let child = 0; child < 4; child++) visit(order + 1, cell * 4 + child);
  };
  for (let base = 0; base < cellCount(0); base++) visit(0, base);
  return mergeRanges(ranges, maxRanges);
}

/** The order at which a cell's size is about a quarter of the radius (deeper buys little). */
function refineOrder(radius: number): number {
  if (radius <= 0) return 30;
  const nside = (1.5 * 4 * 180) / (Math.PI * radius);
  return Math.max(1, Math.ceil(Math.log2(Math.max(1, nside))));
}

/** Sorts and joins touching ranges; if still too many, closes the smallest gaps. */
export function mergeRanges(
  input: readonly CellRange[],
  maxRanges = Number.POSITIVE_INFINITY,
): CellRange[] {
  const sorted = [...input].sort((a, b) => a.from - b.from);
  const merged: CellRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.from <= last.to) last.to = Math.max(last.to, range.to);
    else merged.push({ ...range });
  }
  while (merged.length > maxRanges) {
    let best = 0;
    for (let i = 1; i < merged.length - 1; i++) {
      const gap = (merged[i + 1] as CellRange).from - (merged[i] as CellRange).to;
      const bestGap = (merged[best + 1] as CellRange).from - (merged[best] as CellRange).to;
      if (gap < bestGap) best = i;
    }
    const a = merged[best] as CellRange;
    const b = merged[best + 1] as CellRange;
    merged.splice(best, 2, { from: a.from, to: b.to });
  }
  return merged;
}
