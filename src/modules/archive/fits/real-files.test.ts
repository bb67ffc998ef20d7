import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openFileSource } from '../fits-io/file-source.js';
import { verifyHdu } from './checksum.js';
import { readFitsStructure } from './hdu-walker.js';
import { readImagePlane } from './image-reader.js';
import { inspectFits } from './inspect.js';
import { readColumn } from './table.js';
import { zscale } from './zscale.js';

// The shared sample files (../shared/data/fits from the repository root); see their SOURCE.md.
const dir = fileURLToPath(new URL('../../../../../shared/data/fits/', import.meta.url));
const present = existsSync(dir);
const title = present
  ? 'shared FITS files (values from SOURCE.md, astropy and numpy)'
  : `shared FITS files: SKIPPED because ${dir} is absent`;

const inspect = async (name: string) => {
  const source = await openFileSource(dir + name);
  try {
    return await inspectFits(source);
  } finally {
    await source.close();
  }
};

// astropy 5.2.1: WCS(header).wcs_pix2world for the centre and the corners (1,1) (N1,1) (N1,N2) (1,N2).
const ASTROPY_WCS: [string, number, number[][]][] = [
  [
    'm13_int16.fits',
    0,
    [
      [250.4226, 36.4602],
      [250.4741920446058, 36.418672757408196],
      [250.3710079553942, 36.418672757408196],
      [250.37095268184325, 36.501705015158706],
      [250.47424731815673, 36.501705015158706],
    ],
  ],
  [
    'm13_float32.fits',
    0,
    [
      [250.4226, 36.4602],
      [250.4741920446058, 36.418672757408196],
      [250.3710079553942, 36.418672757408196],
      [250.37095268184325, 36.501705015158706],
      [250.47424731815673, 36.501705015158706],
    ],
  ],
  [
    'ngc1316_int16_checksum.fits',
    0,
    [
      [50.210124391142706, -37.378810513140984],
      [50.74937900923355, -37.66822559560213],
      [49.6709747228849, -37.66834781582387],
      [49.675034153993714, -37.08696536338929],
      [50.74511092963738, -37.08684408678666],
    ],
  ],
  [
    'azp_1904-66_float32.fits',
    0,
    [
      [284.91682633472834, -66.30244668053024],
      [272.4006025508269, -73.01765518149499],
      [271.3733363105604, -60.30957793484494],
      [291.54205756047327, -59.22420290279264],
      [304.6178249283812, -70.11634912865158],
    ],
  ],
  [
    'mef_test0_int16.fits',
    2,
    [
      [215.59031285340805, -12.735006089602459],
      [215.59088951120967, -12.73358785015611],
      [215.59176738378798, -12.735567277734019],
      [215.5897361891466, -12.736424327820327],
      [215.58885832946788, -12.73444489353136],
    ],
  ],
  [
    'mef_test0_int16.fits',
    3,
    [
      [215.59068297009327, -12.735368013374021],
      [215.59213413661092, -12.735936407598437],
      [215.59009877514757, -12.736782904212308],
      [215.58923181006236, -12.73479961123842],
      [215.59126715851787, -12.733953121255256],
    ],
  ],
  [
    'mef_test0_int16.fits',
    4,
    [
      [215.5906505243654, -12.735323987447215],
      [215.59005160968553, -12.736734088791579],
      [215.58920432068658, -12.734741081365247],
      [215.59124943239095, -12.733913884737154],
      [215.59209673469468, -12.735906885679992],
    ],
  ],
];

describe.skipIf(!present)(title, () => {
  it('m13_int16: 300×300 BITPIX 16, TAN WCS, checksums, values 109..3618', async () => {
    const r = await inspect('m13_int16.fits');
    const h = r.hdus[0]!;
    expect([h.type, h.bitpix, h.shape]).toEqual(['primary', 16, [300, 300]]);
    expect(h.wcs?.projection).toBe('TAN');
    expect(h.checksum).toMatchObject({ checksumOk: true, datasumOk: true });
    expect(h.stats).toMatchObject({ min: 109, max: 3618, nanCount: 0, count: 90000, median: 122 });
    // numpy: mean, std; astropy sigma_clipped_stats(sigma=3, maxiters=5): mean, std.
    expect(h.stats!.mean).toBeCloseTo(147.7044111111111, 9);
    expect(h.stats!.std).toBeCloseTo(113.57734591452005, 9);
    expect(h.stats!.robustMean).toBeCloseTo(123.40196400204802, 9);
    expect(h.stats!.robustStd).toBeCloseTo(11.119602933214743, 9);
  });

  it('m13_float32: BITPIX −32, values 109.8..3619, checksums', async () => {
    const h = (await inspect('m13_float32.fits')).hdus[0]!;
    expect([h.bitpix, h.shape]).toEqual([-32, [300, 300]]);
    expect(h.stats!.min).toBeCloseTo(109.836181640625, 9);
    expect(h.stats!.max).toBeCloseTo(3618.836181640625, 9);
    expect(h.checksum).toMatchObject({ checksumOk: true, datasumOk: true });
  });

  it('ngc1316: 440×300 SIN image and a 5371-row BINTABLE, both checksums good', async () => {
    const source = await openFileSource(`${dir}ngc1316_int16_checksum.fits`);
    const file = await readFitsStructure(source);
    expect(file.hdus.map((h) => [h.type, h.naxis])).toEqual([
      ['primary', [440, 300]],
      ['bintable', [16, 5371]],
    ]);
    for (const hdu of file.hdus) {
      expect(await verifyHdu(source, hdu)).toMatchObject({ checksumOk: true, datasumOk: true });
    }
    const time = await readColumn(source, file.hdus[1]!, 'TIME');
    expect(time).toHaveLength(5371);
    expect(time.every((t) => typeof t === 'number' && Number.isFinite(t))).toBe(true);
    const r = await inspectFits(source);
    await source.close();
    expect(r.hdus[0]!.summary?.object).toBe('NGC 1316');
    expect(r.hdus[0]!.wcs?.projection).toBe('SIN');
    expect(r.hdus[1]!.table?.columns.map((c) => c.name)).toEqual(['TIME', 'RATE', 'ERROR']);
  });

  it('sep_image: BSCALE/BZERO applied, metadata read, physical values 6566..98210', async () => {
    const h = (await inspect('sep_image_int16_bscale.fits')).hdus[0]!;
    expect(h.scaling).toMatchObject({
      bscale: 2.92273835509,
      bzero: 3713.66692596,
      unsigned: false,
    });
    expect(h.summary).toMatchObject({
      object: 'NA36Rc50   sum of 3 frames',
      telescope: 'ESONTTB',
      instrument: 'EMMI',
      dateObs: '26/10/92',
    });
    expect(h.stats!.min).toBeCloseTo(6566, -1);
    expect(Math.abs(h.stats!.max! - 98210) / 98210).toBeLessThan(1e-4);
    expect(h.issues.map((i) => i.code)).toEqual(
      expect.arrayContaining(['MISSING_WCS', 'NONSTANDARD_DATE']),
    );
  });

  it('azp_1904-66: 192×192 AZP with 8121 NaN pixels, beam and unit', async () => {
    const h = (await inspect('azp_1904-66_float32.fits')).hdus[0]!;
    expect(h.shape).toEqual([192, 192]);
    expect(h.stats).toMatchObject({ nanCount: 8121, count: 192 * 192 - 8121 });
    expect(h.summary?.bunit).toBe('JY/BEAM');
    expect(h.summary?.beam?.bmaj).toBeCloseTo(0.2399999936422, 12);
    expect(h.wcs?.projection).toBe('AZP');
    expect(h.stats!.mean).toBeCloseTo(0.03012701950429475, 12);
    expect(h.stats!.median).toBeCloseTo(-0.008354843594133854, 12);
  });

  it('fixed-1890: the unsigned-16 convention gives the constant 1890', async () => {
    const h = (await inspect('fixed1890_uint16_bzero.fits')).hdus[0]!;
    expect(h.scaling?.unsigned).toBe(true);
    expect(h.stats).toMatchObject({
      min: 1890,
      max: 1890,
      mean: 1890,
      median: 1890,
      std: 0,
      count: 10000,
    });
  });

  it('mef_test0: empty primary with INSTRUME/DATE-OBS, then 4 SCI images of 40×40', async () => {
    const source = await openFileSource(`${dir}mef_test0_int16.fits`);
    const file = await readFitsStructure(source);
    await source.close();
    expect(file.hdus).toHaveLength(5);
    expect(file.hdus[0]!.naxis).toEqual([]);
    expect(file.hdus[0]!.header.string('INSTRUME')?.trim()).toBe('WFPC2');
    expect(file.hdus[0]!.header.has('DATE-OBS')).toBe(true);
    expect(file.hdus.slice(1).map((h) => [h.type, h.extname, h.bitpix, h.naxis])).toEqual(
      Array(4).fill(['image', 'SCI', 16, [40, 40]]),
    );
  });

  it('full_example: int32 100×100 with values 100..199 and a 50-row BINTABLE', async () => {
    const r = await inspect('full_example_int32_bintable.fits');
    expect(r.hdus[0]!.stats).toMatchObject({ min: 100, max: 199 });
    expect(r.hdus[1]).toMatchObject({ type: 'bintable', extname: 'TESTEXT', table: { rows: 50 } });
  });

  it('bitpix8 and bitpix-64: the same image in the primary and an IMAGE extension', async () => {
    const b8 = await inspect('bitpix8_50x50.fits');
    expect(b8.hdus.map((h) => [h.type, h.bitpix, h.shape, h.stats?.min, h.stats?.max])).toEqual([
      ['primary', 8, [50, 50], 0, 227],
      ['image', 8, [50, 50], 0, 227],
    ]);
    const b64 = await inspect('bitpix-64_50x50.fits');
    expect(b64.hdus.map((h) => [h.bitpix, h.stats?.min])).toEqual([
      [-64, 0],
      [-64, 0],
    ]);
    expect(b64.hdus[0]!.stats!.max).toBeCloseTo(0.767, 3);
  });

  it('should agree with astropy WCS to 1e-6 degrees at the centre and corners', async () => {
    for (const [name, index, points] of ASTROPY_WCS) {
      const r = await inspect(name);
      const w = r.hdus[index]!.wcs!;
      const got = [w.centre, ...w.corners];
      got.forEach((p, i) => {
        const [ra, dec] = points[i]!;
        expect(
          Math.abs(p!.ra - ra!) * Math.cos((dec! * Math.PI) / 180),
          `${name} ${i} ra`,
        ).toBeLessThan(1e-6);
        expect(Math.abs(p!.dec - dec!), `${name} ${i} dec`).toBeLessThan(1e-6);
      });
    }
  });

  it('should compute zscale limits as astropy does', async () => {
    // astropy ZScaleInterval().get_limits(data.astype(float64))
    const expected: [string, number, number][] = [
      ['azp_1904-66_float32.fits', -0.3594182296092385, 0.34883148519048635],
      ['m13_int16.fits', 109.0, 216.43668656023368],
      ['ngc1316_int16_checksum.fits', 111.78463108747931, 395.0660639059696],
    ];
    for (const [name, lo, hi] of expected) {
      const source = await openFileSource(dir + name);
      const file = await readFitsStructure(source);
      const plane = await readImagePlane(source, file.hdus[0]!);
      await source.close();
      const [a, b] = zscale(plane.data);
      expect(a).toBeCloseTo(lo, 9);
      expect(b).toBeCloseTo(hi, 9);
    }
  });
});
