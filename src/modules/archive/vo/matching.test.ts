import { describe, expect, it } from 'vitest';
import { imageMeets } from './matching.js';
import { boundingConeOf, boxRegion, regionContains, type SkyRegion } from './regions.js';
import { voImage } from './testing.js';

const square = (ra: number, dec: number, half: number): [number, number][] => [
  [ra - half, dec - half],
  [ra + half, dec - half],
  [ra + half, dec + half],
  [ra - half, dec + half],
];

describe('regionContains', () => {
  it('should test circles by angular distance', () => {
    const circle: SkyRegion = { shape: 'circle', ra: 0, dec: 89, radius: 2 };
    expect(regionContains(circle, 180, 89)).toBe(true);
    expect(regionContains(circle, 180, 86.9)).toBe(false);
  });

  it('should test ranges that cross RA 0', () => {
    const range: SkyRegion = { shape: 'range', lon1: 350, lon2: 10, lat1: -5, lat2: 5 };
    expect(regionContains(range, 355, 0)).toBe(true);
    expect(regionContains(range, 5, 4.9)).toBe(true);
    expect(regionContains(range, 20, 0)).toBe(false);
    expect(regionContains(range, 0, 6)).toBe(false);
  });

  it('should test polygons with great-circle edges', () => {
    const polygon: SkyRegion = { shape: 'polygon', vertices: square(100, 20, 1) };
    expect(regionContains(polygon, 100, 20)).toBe(true);
    expect(regionContains(polygon, 102, 20)).toBe(false);
  });
});

describe('boundingConeOf', () => {
  it('should hold every corner of a range', () => {
    const range: SkyRegion = { shape: 'range', lon1: 350, lon2: 10, lat1: 30, lat2: 40 };
    const cone = boundingConeOf(range);
    expect(cone.radius).toBeLessThan(15);
    for (const [ra, dec] of [
      [350, 30],
      [10, 30],
      [350, 40],
      [10, 40],
      [0, 30],
    ] as const)
      expect(regionContains({ shape: 'circle', ...cone }, ra, dec)).toBe(true);
  });

  it('should centre a range touching a pole on the pole', () => {
    expect(boundingConeOf({ shape: 'range', lon1: 0, lon2: 90, lat1: 80, lat2: 90 })).toEqual({
      ra: 0,
      dec: 90,
      radius: 10,
    });
  });

  it('should give the whole sky for ranges wider than half the sky in RA', () => {
    expect(boundingConeOf({ shape: 'range', lon1: 0, lon2: 360, lat1: -10, lat2: 10 }).radius).toBe(
      180,
    );
  });
});

describe('boxRegion', () => {
  it('should cover all RA at a pole', () => {
    expect(boxRegion(10, 89.5, 2, 2)).toEqual({
      shape: 'range',
      lon1: 0,
      lon2: 360,
      lat1: 88.5,
      lat2: 90,
    });
  });
});

describe('imageMeets', () => {
  const region: SkyRegion = { shape: 'circle', ra: 10, dec: 0, radius: 1 };
  const inside = voImage({
    id: 'in',
    centreRa: 10.2,
    centreDec: 0,
    footprint: square(10.2, 0, 0.1),
  });
  const edge = voImage({
    id: 'edge',
    centreRa: 11.3,
    centreDec: 0,
    footprint: square(11.3, 0, 0.5),
  });
  const around = voImage({ id: 'around', centreRa: 10, centreDec: 0, footprint: square(10, 0, 3) });
  const bare = voImage({ id: 'bare', centreRa: 10.5, centreDec: 0, footprint: null });

  it('should take CENTER from the centre alone', () => {
    expect([inside, edge, around, bare].map((i) => imageMeets(i, region, 'center'))).toEqual([
      true,
      false,
      true,
      true,
    ]);
  });

  it('should find OVERLAPS by a footprint corner in the region or the region inside the footprint', () => {
    const far = voImage({ id: 'far', centreRa: 20, centreDec: 0, footprint: square(20, 0, 1) });
    expect([inside, edge, around, bare, far].map((i) => imageMeets(i, region, 'overlaps'))).toEqual(
      [true, true, true, true, false],
    );
    const shifted = voImage({
      id: 'shifted',
      centreRa: 14,
      centreDec: 0,
      footprint: square(14, 0, 4),
    });
    expect(imageMeets(shifted, region, 'overlaps')).toBe(true);
  });

  it('should need a footprint around the whole region for COVERS', () => {
    expect([inside, edge, around, bare].map((i) => imageMeets(i, region, 'covers'))).toEqual([
      false,
      false,
      true,
      false,
    ]);
  });

  it('should need every corner inside for ENCLOSED (the centre without a footprint)', () => {
    expect([inside, edge, around, bare].map((i) => imageMeets(i, region, 'enclosed'))).toEqual([
      true,
      false,
      false,
      true,
    ]);
  });
});
