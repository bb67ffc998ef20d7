import { describe, expect, it } from 'vitest';
import { bufferSource } from './byte-source.js';
import { readFitsStructure } from './hdu-walker.js';
import { type CardInput, headerBytes } from './testing/fits-writer.js';
import { pixelToWorld, readCelestialWcs, summarizeWcs } from './wcs.js';

// Reference values from astropy 5.2.1 (WCSLIB), computed once with
// WCS(header).wcs_pix2world([[x, y]], 1) for the centre ((N1+1)/2, (N2+1)/2) and the corner
// pixels (1,1), (N1,1), (N1,N2), (1,N2); given as [ra, dec].
const CASES: Record<string, { header: Record<string, string | number>; points: number[][] }> = {
  'car-offset': {
    header: {
      NAXIS1: 100,
      NAXIS2: 80,
      CTYPE1: 'RA---CAR',
      CTYPE2: 'DEC--CAR',
      CRVAL1: 120,
      CRVAL2: 30,
      CRPIX1: 50.5,
      CRPIX2: 40.5,
      CDELT1: -0.5,
      CDELT2: 0.5,
    },
    points: [
      [120.0, 30.0],
      [143.43181855673762, 7.74224555500336],
      [96.56818144326235, 7.74224555500336],
      [85.40330393168296, 46.05495508496042],
      [154.59669606831704, 46.05495508496042],
    ],
  },
  'car-equator': {
    header: {
      NAXIS1: 360,
      NAXIS2: 180,
      CTYPE1: 'RA---CAR',
      CTYPE2: 'DEC--CAR',
      CRVAL1: 180,
      CRVAL2: 0,
      CRPIX1: 180.5,
      CRPIX2: 90.5,
      CDELT1: -1,
      CDELT2: 1,
    },
    points: [
      [180.0, 0.0],
      [359.5, -89.5],
      [0.5, -89.5],
      [0.5, 89.5],
      [359.5, 89.5],
    ],
  },
  'tan-cd': {
    header: {
      NAXIS1: 200,
      NAXIS2: 150,
      CTYPE1: 'RA---TAN',
      CTYPE2: 'DEC--TAN',
      CRVAL1: 10,
      CRVAL2: -30,
      CRPIX1: 90,
      CRPIX2: 70,
      CD1_1: -2e-4,
      CD1_2: 5e-5,
      CD2_1: 4e-5,
      CD2_2: 2e-4,
    },
    points: [
      [9.997892703794859, -29.99847998322057],
      [10.016572851366979, -30.01735896123699],
      [9.970610090044788, -30.009396735339784],
      [9.979219662908228, -29.97959836978492],
      [10.025169315050954, -29.98755760697962],
    ],
  },
  'sin-slant': {
    header: {
      NAXIS1: 128,
      NAXIS2: 128,
      CTYPE1: 'RA---SIN',
      CTYPE2: 'DEC--SIN',
      CRVAL1: 200,
      CRVAL2: 45,
      CRPIX1: 64.5,
      CRPIX2: 64.5,
      CDELT1: -0.01,
      CDELT2: 0.01,
      PV2_1: 0.1,
      PV2_2: -0.05,
    },
    points: [
      [200.0, 45.0],
      [200.88724132386642, 44.36186535754569],
      [199.11079089694485, 44.361850713999665],
      [199.09085953921985, 45.63179890805026],
      [200.90712635419425, 45.63181391301014],
    ],
  },
  'tan-crota2': {
    header: {
      NAXIS1: 100,
      NAXIS2: 100,
      CTYPE1: 'RA---TAN',
      CTYPE2: 'DEC--TAN',
      CRVAL1: 350,
      CRVAL2: 80,
      CRPIX1: 50,
      CRPIX2: 50,
      CDELT1: -1e-3,
      CDELT2: 1e-3,
      CROTA2: 30,
    },
    points: [
      [349.99606661536535, 80.00018298961348],
      [350.384775833859, 79.98184342655848],
      [349.89244584188936, 79.93254741144173],
      [349.6059610584221, 80.01806996054417],
      [350.1010838569795, 80.06778608902451],
    ],
  },
  'azp-pc': {
    header: {
      NAXIS1: 64,
      NAXIS2: 64,
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
    },
    points: [
      [45.0, 20.0],
      [49.36519247734378, 12.14549179296625],
      [36.90358365041681, 15.543969529575655],
      [40.177487676296366, 27.73644230042106],
      [53.54626015621035, 24.06809792550014],
    ],
  },
  'tan-swapped-axes': {
    header: {
      NAXIS1: 50,
      NAXIS2: 60,
      CTYPE1: 'DEC--TAN',
      CTYPE2: 'RA---TAN',
      CRVAL1: -10,
      CRVAL2: 100,
      CRPIX1: 25,
      CRPIX2: 30,
      CDELT1: 0.001,
      CDELT2: -0.001,
    },
    points: [
      [99.9994922874753, -9.99949999961534],
      [100.02944954428519, -10.02399870134377],
      [100.02944510372963, -9.974998710805622],
      [99.96953954805403, -9.974998620251451],
      [99.96953495437594, -10.02399861033558],
    ],
  },
};

/** A header-only primary HDU with these WCS cards (NAXISn are kept out: no data is needed). */
async function headerOf(values: Record<string, string | number>) {
  const cards: CardInput[] = [
    ['SIMPLE', true],
    ['BITPIX', 8],
    ['NAXIS', 0],
  ];
  for (const [k, v] of Object.entries(values)) if (!/^NAXIS\d$/.test(k)) cards.push([k, v]);
  const file = await readFitsStructure(bufferSource(headerBytes(cards)));
  return file.hdus[0]!.header;
}

function sepDeg(a: number[], ra: number, dec: number): number {
  const dra = Math.abs(((((a[0]! - ra) % 360) + 540) % 360) - 180);
  return Math.max(dra * Math.cos((dec * Math.PI) / 180), Math.abs(a[1]! - dec));
}

describe('celestial WCS', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(`should agree with astropy to 1e-6 deg: ${name}`, async () => {
      const header = await headerOf(c.header);
      const r = readCelestialWcs(header);
      if (!r.ok) throw new Error(r.reason);
      const s = summarizeWcs(r.wcs, Number(c.header.NAXIS1), Number(c.header.NAXIS2));
      const got = [s.centre, ...s.corners];
      got.forEach((p, i) => {
        expect(p).not.toBeNull();
        expect(sepDeg(c.points[i]!, p!.ra, p!.dec)).toBeLessThan(1e-6);
        expect(Math.abs(p!.dec - c.points[i]![1]!)).toBeLessThan(1e-6);
      });
    });
  }

  it('should give the pixel scale in arcseconds and the reference point at CRPIX', async () => {
    const header = await headerOf(CASES['tan-cd']!.header);
    const r = readCelestialWcs(header);
    if (!r.ok) throw new Error(r.reason);
    const s = summarizeWcs(r.wcs, 200, 150);
    expect(s.pixelScale.x).toBeCloseTo(Math.hypot(2e-4, 4e-5) * 3600, 9);
    expect(s.pixelScale.mean).toBeCloseTo(Math.sqrt(2e-4 * 2e-4 + 5e-5 * 4e-5) * 3600, 9);
    const ref = pixelToWorld(r.wcs, 90, 70)!;
    expect(ref.lon).toBeCloseTo(10, 12);
    expect(ref.lat).toBeCloseTo(-30, 12);
  });

  it('should say why there is no usable WCS', async () => {
    const none = readCelestialWcs(await headerOf({ CTYPE1: 'PIXEL', CTYPE2: 'PIXEL' }));
    expect(none).toEqual({ ok: false, reason: 'axes 1 and 2 (PIXEL, PIXEL) are not celestial' });
    const unsupported = readCelestialWcs(
      await headerOf({ CTYPE1: 'RA---ZEA', CTYPE2: 'DEC--ZEA' }),
    );
    expect(unsupported.ok).toBe(false);
    expect(!unsupported.ok && unsupported.reason).toMatch(/ZEA is not supported/);
    expect(readCelestialWcs(await headerOf({})).ok).toBe(false);
  });

  it('should return null for pixels off a SIN projection', async () => {
    const r = readCelestialWcs(
      await headerOf({
        CTYPE1: 'RA---SIN',
        CTYPE2: 'DEC--SIN',
        CDELT1: -1,
        CDELT2: 1,
        CRPIX1: 1,
        CRPIX2: 1,
      }),
    );
    if (!r.ok) throw new Error(r.reason);
    expect(pixelToWorld(r.wcs, 100, 1)).toBeNull();
  });
});
