import { describe, expect, it } from 'vitest';
import { bufferSource } from './byte-source.js';
import { readFitsStructure } from './hdu-walker.js';
import { type CardInput, headerBytes } from './testing/fits-writer.js';
import { type CelestialWcs, pixelToWorld, readCelestialWcs } from './wcs.js';
import { worldToPixel } from './world-to-pixel.js';

async function wcsOf(values: Record<string, string | number>): Promise<CelestialWcs> {
  const cards: CardInput[] = [
    ['SIMPLE', true],
    ['BITPIX', 8],
    ['NAXIS', 0],
    ...Object.entries(values).map(([k, v]): CardInput => [k, v]),
  ];
  const file = await readFitsStructure(bufferSource(headerBytes(cards)));
  const result = readCelestialWcs(file.hdus[0]!.header);
  if (!result.ok) throw new Error(result.reason);
  return result.wcs;
}

const tan = (extra: Record<string, string | number>) => ({
  CTYPE1: 'RA---TAN',
  CTYPE2: 'DEC--TAN',
  CRPIX1: 100.5,
  CRPIX2: 80.5,
  ...extra,
});

const CASES: Record<string, Record<string, string | number>> = {
  'tan-cdelt': tan({ CRVAL1: 150, CRVAL2: 2.2, CDELT1: -0.001, CDELT2: 0.001 }),
  'tan-rotated-cd': tan({
    CRVAL1: 10,
    CRVAL2: -30,
    CD1_1: -0.0008,
    CD1_2: 0.0003,
    CD2_1: 0.00025,
    CD2_2: 0.0009,
  }),
  'tan-crota': tan({ CRVAL1: 200, CRVAL2: 45, CDELT1: -0.002, CDELT2: 0.002, CROTA2: 33 }),
  'tan-ra-wrap': tan({ CRVAL1: 359.95, CRVAL2: 5, CDELT1: -0.001, CDELT2: 0.001 }),
  'tan-ra-zero': tan({ CRVAL1: 0.02, CRVAL2: -5, CDELT1: -0.001, CDELT2: 0.001 }),
  'tan-near-pole': tan({ CRVAL1: 30, CRVAL2: 89, CDELT1: -0.01, CDELT2: 0.01 }),
  'tan-on-pole': tan({ CRVAL1: 0, CRVAL2: 90, CDELT1: -0.01, CDELT2: 0.01 }),
  'tan-south-pole': tan({ CRVAL1: 250, CRVAL2: -89.5, CDELT1: -0.01, CDELT2: 0.01 }),
  'tan-swapped-axes': {
    CTYPE1: 'DEC--TAN',
    CTYPE2: 'RA---TAN',
    CRVAL1: -10,
    CRVAL2: 100,
    CRPIX1: 25,
    CRPIX2: 30,
    CDELT1: 0.001,
    CDELT2: -0.001,
  },
  'sin-plain': {
    CTYPE1: 'RA---SIN',
    CTYPE2: 'DEC--SIN',
    CRVAL1: 83.6,
    CRVAL2: 22,
    CRPIX1: 64,
    CRPIX2: 64,
    CDELT1: -0.05,
    CDELT2: 0.05,
  },
  'sin-slant': {
    CTYPE1: 'RA---SIN',
    CTYPE2: 'DEC--SIN',
    CRVAL1: 270,
    CRVAL2: -40,
    CRPIX1: 64,
    CRPIX2: 64,
    CDELT1: -0.05,
    CDELT2: 0.05,
    PV2_1: 0.1,
    PV2_2: -0.2,
  },
  'azp-pc': {
    CTYPE1: 'RA---AZP',
    CTYPE2: 'DEC--AZP',
    CRVAL1: 45,
    CRVAL2: 20,
    CRPIX1: 32.5,
    CRPIX2: 32.5,
    CDELT1: -0.2,
    CDELT2: 0.2,
    PC1_1: 0.96,
    PC1_2: -0.28,
    PC2_1: 0.28,
    PC2_2: 0.96,
    PV2_1: 1.5,
    PV2_2: 10,
  },
  'car-offset': {
    CTYPE1: 'RA---CAR',
    CTYPE2: 'DEC--CAR',
    CRVAL1: 120,
    CRVAL2: 30,
    CRPIX1: 50.5,
    CRPIX2: 40.5,
    CDELT1: -0.5,
    CDELT2: 0.5,
  },
  'car-galactic-wrap': {
    CTYPE1: 'GLON-CAR',
    CTYPE2: 'GLAT-CAR',
    CRVAL1: 0,
    CRVAL2: 0,
    CRPIX1: 180.5,
    CRPIX2: 90.5,
    CDELT1: -1,
    CDELT2: 1,
  },
};

const GRID = [-60, -17.25, 0, 0.5, 3, 41.7, 60];

describe('worldToPixel', () => {
  for (const [name, header] of Object.entries(CASES)) {
    it(`should invert pixelToWorld within 1e-8 px: ${name}`, async () => {
      const wcs = await wcsOf(header);
      let checked = 0;
      for (const dx of GRID) {
        for (const dy of GRID) {
          const x = wcs.crpix[0] + dx;
          const y = wcs.crpix[1] + dy;
          const world = pixelToWorld(wcs, x, y);
          if (!world) continue;
          const back = worldToPixel(wcs, world.lon, world.lat);
          // Slant SIN's deprojection takes θ from asin(≈1) near the reference point: only ~1e-8 rad.
          const tolerance = name === 'sin-slant' && Math.hypot(dx, dy) < 5 ? 1e-4 : 1e-8;
          expect(back, `(${x}, ${y})`).not.toBeNull();
          expect(Math.abs(back!.x - x), `x at (${x}, ${y})`).toBeLessThan(tolerance);
          expect(Math.abs(back!.y - y), `y at (${x}, ${y})`).toBeLessThan(tolerance);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(GRID.length ** 2 / 2);
    });
  }

  it('should treat RA 0 and 360 as the same position', async () => {
    const wcs = await wcsOf(CASES['tan-ra-wrap']!);
    const a = worldToPixel(wcs, 0.01, 5)!;
    const b = worldToPixel(wcs, 360.01, 5)!;
    const c = worldToPixel(wcs, -359.99, 5)!;
    expect(a.x).toBeCloseTo(b.x, 8);
    expect(a.x).toBeCloseTo(c.x, 8);
    // 0.06° of RA east of 359.95 is ~60 pixels to the left (CDELT1 < 0).
    expect(a.x).toBeLessThan(wcs.crpix[0] - 50);
  });

  it('should return null behind the TAN and SIN hemispheres and for bad input', async () => {
    const t = await wcsOf(CASES['tan-cdelt']!);
    expect(worldToPixel(t, 330, -2.2)).toBeNull();
    expect(worldToPixel(t, 150, 95)).toBeNull();
    expect(worldToPixel(t, Number.NaN, 0)).toBeNull();
    const s = await wcsOf(CASES['sin-plain']!);
    expect(worldToPixel(s, 263.6, -22)).toBeNull();
    const ref = worldToPixel(s, 83.6, 22)!;
    expect(ref.x).toBeCloseTo(64, 10);
    expect(ref.y).toBeCloseTo(64, 10);
  });

  it('should put the reference point at CRPIX for every projection', async () => {
    for (const header of Object.values(CASES)) {
      const wcs = await wcsOf(header);
      const [lon, lat] = wcs.lonAxis === 0 ? wcs.crval : [wcs.crval[1], wcs.crval[0]];
      const p = worldToPixel(wcs, lon, lat)!;
      expect(p.x).toBeCloseTo(wcs.crpix[0], 9);
      expect(p.y).toBeCloseTo(wcs.crpix[1], 9);
    }
  });
});
