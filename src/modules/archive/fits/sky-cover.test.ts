import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellOf } from './healpix.js';
import { coneCover, mergeRanges } from './sky-cover.js';
import { boundingCone, polygonContains, separation } from './sky-geometry.js';

const ORDER = 10;
const inCover = (ranges: { from: number; to: number }[], cell: number) =>
  ranges.some((r) => cell >= r.from && cell < r.to);

/** Random points concentrated near a centre so that many fall inside the cone. */
function pointsNear(ra: number, dec: number, spread: number, seed: number, n: number) {
  let s = seed;
  const rand = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  return Array.from({ length: n }, () => ({
    ra: (((ra + (rand() - 0.5) * spread * 2) % 360) + 360) % 360,
    dec: Math.max(-90, Math.min(90, dec + (rand() - 0.5) * spread * 2)),
  }));
}

describe('coneCover', () => {
  it('contains every point a brute-force distance test finds inside the cone', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 360, maxExcluded: true, noNaN: true }),
        fc.oneof(
          fc.double({ min: -90, max: 90, noNaN: true }),
          fc.constantFrom(90, -90, 89.9, -89.9),
        ),
        fc.double({ min: 0.001, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (ra, dec, radius, seed) => {
          const cover = coneCover(ORDER, ra, dec, radius);
          expect(cover.length).toBeLessThanOrEqual(64);
          for (const p of pointsNear(ra, dec, radius * 3, seed, 200)) {
            if (separation(ra, dec, p.ra, p.dec) <= radius) {
              expect(inCover(cover, cellOf(ORDER, p.ra, p.dec))).toBe(true);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('finds points across RA 0/360 and around the poles', () => {
    const across = coneCover(ORDER, 359.9, 0, 0.5);
    expect(inCover(across, cellOf(ORDER, 0.2, 0.1))).toBe(true);
    expect(inCover(across, cellOf(ORDER, 359.5, -0.2))).toBe(true);
    const pole = coneCover(ORDER, 0, 89.5, 1);
    for (const ra of [0, 90, 180, 270, 45.5]) {
      expect(inCover(pole, cellOf(ORDER, ra, 89.8))).toBe(true);
    }
    expect(inCover(pole, cellOf(ORDER, 180, 89.6))).toBe(true);
  });

  it('is selective: a 1° cone covers a tiny part of the sky', () => {
    const cover = coneCover(ORDER, 150, 20, 1);
    const cells = cover.reduce((n, r) => n + r.to - r.from, 0);
    expect(cells / (12 * 4 ** ORDER)).toBeLessThan(0.001);
  });
});

describe('mergeRanges', () => {
  it('joins touching ranges and closes the smallest gaps to stay under a count', () => {
    expect(
      mergeRanges([
        { from: 4, to: 8 },
        { from: 0, to: 4 },
        { from: 10, to: 12 },
      ]),
    ).toEqual([
      { from: 0, to: 8 },
      { from: 10, to: 12 },
    ]);
    expect(
      mergeRanges(
        [
          { from: 0, to: 1 },
          { from: 2, to: 3 },
          { from: 10, to: 11 },
        ],
        2,
      ),
    ).toEqual([
      { from: 0, to: 3 },
      { from: 10, to: 11 },
    ]);
  });
});

describe('polygonContains', () => {
  const square: [number, number][] = [
    [359, -1],
    [1, -1],
    [1, 1],
    [359, 1],
  ];
  it('handles a footprint across RA 0', () => {
    expect(polygonContains(square, 0, 0)).toBe(true);
    expect(polygonContains(square, 0.5, 0.5)).toBe(true);
    expect(polygonContains(square, 2, 0)).toBe(false);
    expect(polygonContains([...square].reverse(), 359.5, -0.5)).toBe(true);
  });
  it('bounding cone holds every vertex', () => {
    const cone = boundingCone(square);
    expect(cone.radius).toBeCloseTo(Math.SQRT2, 2);
    expect(Math.min(cone.ra, 360 - cone.ra)).toBeLessThan(1e-9);
  });
});
