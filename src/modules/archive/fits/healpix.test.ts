import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellCentre, cellCount, cellOf, cellRadiusBound } from './healpix.js';
import { separation } from './sky-geometry.js';

const position = fc.record({
  ra: fc.double({ min: 0, max: 360, maxExcluded: true, noNaN: true }),
  dec: fc.double({ min: -90, max: 90, noNaN: true }),
});

describe('HEALPix NESTED', () => {
  it('puts points in the right base cell and child', () => {
    // Base cells: 0–3 around the north pole, 4–7 on the equator (4 centred on RA 0), 8–11 south.
    expect(cellOf(0, 0, 0)).toBe(4);
    expect(cellOf(0, 45, 60)).toBe(0);
    expect(cellOf(0, 0, -90)).toBe(8);
    expect(Math.floor(cellOf(1, 10, 5) / 4)).toBe(4);
  });

  it('numbers every order-2 cell once and its centre falls back in it', () => {
    const seen = new Set<number>();
    for (let cell = 0; cell < cellCount(2); cell++) {
      const c = cellCentre(2, cell);
      expect(cellOf(2, c.ra, c.dec)).toBe(cell);
      seen.add(cell);
    }
    expect(seen.size).toBe(192);
  });

  it('a point lies within the radius bound of its cell centre, children nest in parents', () => {
    fc.assert(
      fc.property(position, fc.integer({ min: 0, max: 12 }), ({ ra, dec }, order) => {
        const cell = cellOf(order, ra, dec);
        expect(cell).toBeGreaterThanOrEqual(0);
        expect(cell).toBeLessThan(cellCount(order));
        const c = cellCentre(order, cell);
        expect(separation(ra, dec, c.ra, c.dec)).toBeLessThanOrEqual(cellRadiusBound(order));
        if (order > 0) expect(Math.floor(cell / 4)).toBe(cellOf(order - 1, ra, dec));
      }),
      { numRuns: 2000 },
    );
  });

  it('wraps RA and holds at the poles', () => {
    expect(cellOf(8, 360, 10)).toBe(cellOf(8, 0, 10));
    expect(cellOf(8, -10, 10)).toBe(cellOf(8, 350, 10));
    expect(cellOf(8, 123, 90)).toBeLessThan(4 * 4 ** 8);
    expect(cellOf(8, 123, -90)).toBeGreaterThanOrEqual(8 * 4 ** 8);
    expect(() => cellOf(14, 0, 0)).toThrow(RangeError);
  });
});
