import { describe, expect, it } from 'vitest';
import { type ByteSource, bufferSource } from './byte-source.js';
import { type CutoutRequest, cutoutSource } from './cutout.js';
import { FitsError } from './errors.js';
import { readFitsStructure } from './hdu-walker.js';
import { readImagePlane } from './image-reader.js';
import { separation } from './sky-geometry.js';
import { type CardInput, headerBytes, imageHdu } from './testing/fits-writer.js';
import { type CelestialWcs, pixelToWorld, readCelestialWcs } from './wcs.js';

const ARCSEC = 1 / 3600;

/** Pixel value that names its position: x + 1000 y (exact in float32 for these sizes). */
const valueAt = (x: number, y: number, plane = 0) => x + 1000 * y + 1e6 * plane;

function image(
  naxis: number[],
  cards: CardInput[],
  bitpix = -32,
  value: (x: number, y: number, plane: number) => number = valueAt,
): Uint8Array {
  const [w = 1, h = 1, planes = 1] = naxis;
  const values: number[] = [];
  for (let p = 0; p < planes; p++) {
    for (let y = 1; y <= h; y++) for (let x = 1; x <= w; x++) values.push(value(x, y, p));
  }
  return imageHdu({ bitpix, naxis, values, cards });
}

const tanCards = (crval1: number, crval2: number, extra: CardInput[] = []): CardInput[] => [
  ['OBJECT', 'test field'],
  ['TELESCOP', 'LECTERN'],
  ['BUNIT', 'Jy/beam'],
  ['CTYPE1', 'RA---TAN'],
  ['CTYPE2', 'DEC--TAN'],
  ['CRVAL1', crval1],
  ['CRVAL2', crval2],
  ['CRPIX1', 100.5],
  ['CRPIX2', 75.5],
  ['RADESYS', 'ICRS'],
  ['EQUINOX', 2000],
  ...extra,
];

const scaled = (s: number): CardInput[] => [
  ['CDELT1', -s],
  ['CDELT2', s],
];

async function open(bytes: Uint8Array) {
  const source = bufferSource(bytes);
  const file = await readFitsStructure(source);
  const hdu = file.hdus[0]!;
  const wcs = readCelestialWcs(hdu.header);
  return { source, hdu, wcs: wcs.ok ? wcs.wcs : null };
}

/** Every cutout pixel: the same value and the same sky position as the source pixel it came from. */
async function expectFaithful(
  sourceBytes: Uint8Array,
  result: Awaited<ReturnType<typeof cutoutSource>>,
  plane = 0,
) {
  const src = await open(sourceBytes);
  const out = await open(result.fits);
  expect(out.hdu.naxis).toEqual([result.width, result.height]);
  const srcPlane = await readImagePlane(src.source, src.hdu, plane);
  const outPlane = await readImagePlane(out.source, out.hdu);
  for (let j = 1; j <= result.height; j++) {
    for (let i = 1; i <= result.width; i++) {
      const sx = result.origin.x + i - 1;
      const sy = result.origin.y + j - 1;
      const a = srcPlane.data[(sy - 1) * srcPlane.width + (sx - 1)];
      expect(outPlane.data[(j - 1) * result.width + (i - 1)]).toEqual(a);
      if (src.wcs && out.wcs && (i === 1 || j === 1 || i === result.width)) {
        const p = pixelToWorld(src.wcs, sx, sy)!;
        const q = pixelToWorld(out.wcs, i, j)!;
        expect(separation(p.lon, p.lat, q.lon, q.lat)).toBeLessThan(1e-9);
      }
    }
  }
  return { out, src };
}

/** Distance, in source pixels, between a sky position and the cutout's centre pixel. */
function centreError(
  out: CelestialWcs,
  result: { width: number; height: number },
  ra: number,
  dec: number,
  pixelDeg: number,
) {
  const c = pixelToWorld(out, (result.width + 1) / 2, (result.height + 1) / 2)!;
  return separation(c.lon, c.lat, ra, dec) / pixelDeg;
}

describe('cutoutSource', () => {
  const cases: { name: string; cards: CardInput[]; at: [number, number]; pixelDeg: number }[] = [
    {
      name: 'TAN',
      cards: tanCards(150, 2.2, scaled(ARCSEC)),
      at: [150.004, 2.1985],
      pixelDeg: ARCSEC,
    },
    {
      name: 'rotated CD',
      cards: tanCards(10, -30, [
        ['CD1_1', -0.8 * ARCSEC],
        ['CD1_2', 0.6 * ARCSEC],
        ['CD2_1', 0.6 * ARCSEC],
        ['CD2_2', 0.8 * ARCSEC],
      ]),
      at: [10.006, -29.993],
      pixelDeg: ARCSEC,
    },
    {
      name: 'RA ≈ 359.9 across the wrap',
      cards: tanCards(359.99, 5, scaled(0.001)),
      at: [0.01, 5.01],
      pixelDeg: 0.001,
    },
    { name: 'dec 89', cards: tanCards(30, 89, scaled(0.002)), at: [30.3, 89.02], pixelDeg: 0.002 },
  ];
  for (const c of cases) {
    it(`should cut a box centred on a sky position: ${c.name}`, async () => {
      const bytes = image([200, 150], c.cards);
      const size = 21 * c.pixelDeg * 3600;
      const [ra, dec] = c.at;
      const result = await cutoutSource(bufferSource(bytes), {
        centre: { ra, dec },
        width: size,
        height: (size * 15) / 21,
        unit: 'arcsec',
      });
      expect([result.width, result.height, result.clipped, result.hdu]).toEqual([21, 15, false, 0]);
      const { out } = await expectFaithful(bytes, result);
      expect(centreError(out.wcs!, result, ra, dec, c.pixelDeg)).toBeLessThan(0.75);
      expect(separation(result.centre!.ra, result.centre!.dec, ra, dec) / c.pixelDeg).toBeLessThan(
        0.75,
      );
      const h = out.hdu.header;
      expect(h.string('OBJECT')).toBe('test field');
      expect(h.string('TELESCOP')).toBe('LECTERN');
      expect(h.string('BUNIT')).toBe('Jy/beam');
      expect(h.string('RADESYS')).toBe('ICRS');
      expect(h.number('CRPIX1')).toBeCloseTo(100.5 - (result.origin.x - 1), 10);
      expect(h.commentary('HISTORY').join(' ')).toMatch(/Cutout of <buffer> HDU 0: x \d+\.\.\d+/);
    });
  }

  it('should take sizes in arcmin and centres in pixels', async () => {
    const bytes = image([200, 150], tanCards(150, 2.2, scaled(ARCSEC)));
    const result = await cutoutSource(bufferSource(bytes), {
      centre: { x: 50, y: 60 },
      width: 0.5,
      height: 0.25,
      unit: 'arcmin',
    });
    expect([result.width, result.height]).toEqual([30, 15]);
    expect(result.origin).toEqual({ x: 36, y: 53 });
    await expectFaithful(bytes, result);
    const px = await cutoutSource(bufferSource(bytes), {
      centre: { x: 50, y: 60 },
      width: 5,
      height: 3,
      unit: 'pixel',
    });
    expect(px.origin).toEqual({ x: 48, y: 59 });
    // Only the file's own name goes into HISTORY, made printable ASCII.
    const named = await cutoutSource(bufferSource(bytes, '/srv/data/café.fits'), {
      centre: { x: 50, y: 60 },
      width: 5,
      height: 3,
      unit: 'pixel',
    });
    const history = (await open(named.fits)).hdu.header.commentary('HISTORY').join('');
    expect(history).toMatch(/^Cutout of caf\?\.fits HDU 0/);
  });

  it('should clip the box at the image edges', async () => {
    const bytes = image([200, 150], tanCards(150, 2.2, scaled(ARCSEC)));
    const low = await cutoutSource(bufferSource(bytes), {
      centre: { x: 3, y: 2 },
      width: 11,
      height: 11,
      unit: 'pixel',
    });
    expect([low.origin, low.width, low.height, low.clipped]).toEqual([{ x: 1, y: 1 }, 8, 7, true]);
    await expectFaithful(bytes, low);
    const high = await cutoutSource(bufferSource(bytes), {
      centre: { x: 199, y: 150 },
      width: 10,
      height: 4,
      unit: 'pixel',
    });
    expect([high.origin, high.width, high.height, high.clipped]).toEqual([
      { x: 195, y: 149 },
      6,
      2,
      true,
    ]);
    await expectFaithful(bytes, high);
    const whole = await cutoutSource(bufferSource(bytes), {
      centre: { x: 100.5, y: 75.5 },
      width: 200,
      height: 150,
      unit: 'pixel',
    });
    expect([whole.origin, whole.width, whole.height, whole.clipped]).toEqual([
      { x: 1, y: 1 },
      200,
      150,
      false,
    ]);
  });

  it('should select a plane of a cube and drop axes 3+', async () => {
    const bytes = image(
      [40, 30, 4],
      [
        ...tanCards(150, 2.2, scaled(ARCSEC)),
        ['CTYPE3', 'FREQ'],
        ['CRVAL3', 1.4e9],
        ['CDELT3', 1e6],
        ['CRPIX3', 1],
      ],
    );
    const result = await cutoutSource(bufferSource(bytes), {
      plane: 2,
      centre: { x: 20, y: 15 },
      width: 9,
      height: 7,
      unit: 'pixel',
    });
    const { out } = await expectFaithful(bytes, result, 2);
    expect(out.hdu.naxis).toEqual([9, 7]);
    expect(out.hdu.header.has('CTYPE3')).toBe(false);
    expect(out.hdu.header.number('WCSAXES')).toBe(2);
    expect(out.hdu.header.commentary('HISTORY').join(' ')).toMatch(/plane 2/);
    const outPlane = await readImagePlane(out.source, out.hdu);
    expect(outPlane.data[0]).toBe(valueAt(16, 12, 2));
    await expect(
      cutoutSource(bufferSource(bytes), {
        plane: 4,
        centre: { x: 20, y: 15 },
        width: 3,
        height: 3,
        unit: 'pixel',
      }),
    ).rejects.toThrow(/plane 4 is out of range/);
  });

  it('should keep BITPIX 16 with BSCALE, BZERO and BLANK', async () => {
    const bytes = image(
      [50, 40],
      [['BSCALE', 0.25], ['BZERO', 1000], ['BLANK', -32768], ...tanCards(150, 2.2, scaled(ARCSEC))],
      16,
      (x, y) => (x === 10 && y === 10 ? -32768 : x * 10 - y * 7),
    );
    const result = await cutoutSource(bufferSource(bytes), {
      centre: { x: 11, y: 11 },
      width: 5,
      height: 5,
      unit: 'pixel',
    });
    const { out } = await expectFaithful(bytes, result);
    const h = out.hdu.header;
    expect([out.hdu.bitpix, h.number('BSCALE'), h.number('BZERO'), h.number('BLANK')]).toEqual([
      16, 0.25, 1000, -32768,
    ]);
    const plane = await readImagePlane(out.source, out.hdu);
    expect(plane.data[1 * 5 + 1]).toBeNaN();
    expect(plane.data[0]).toBe((9 * 10 - 9 * 7) * 0.25 + 1000);
  });

  it('should keep NaN pixels of float images', async () => {
    const bytes = image([20, 20], [], -64, (x, y) => (x === y ? Number.NaN : x * y));
    const result = await cutoutSource(bufferSource(bytes), {
      centre: { x: 10, y: 10 },
      width: 3,
      height: 3,
      unit: 'pixel',
    });
    expect(result.centre).toBeNull();
    const { out } = await expectFaithful(bytes, result);
    expect(out.hdu.bitpix).toBe(-64);
    expect(out.hdu.header.has('CRPIX1')).toBe(false);
  });

  it('should read only the rows the box covers', async () => {
    const bytes = image([1024, 1024], tanCards(150, 2.2, scaled(ARCSEC)), -32, () => 1);
    const inner = bufferSource(bytes);
    let read = 0;
    const counting: ByteSource = {
      ...inner,
      name: inner.name,
      size: inner.size,
      read: async (offset, length) => {
        read += length;
        return inner.read(offset, length);
      },
    };
    const result = await cutoutSource(counting, {
      centre: { x: 500, y: 500 },
      width: 10,
      height: 10,
      unit: 'pixel',
    });
    expect(result.width).toBe(10);
    expect(read).toBeLessThan(10 * 1024 * 4 + 20 * 2880);
  });

  it('should cut a 4096 x 4096 image without reading more than the box rows', async () => {
    // A virtual file: the 64 MB of pixels are made up on each read, never held.
    const side = 4096;
    const header = headerBytes([
      ['SIMPLE', true],
      ['BITPIX', -32],
      ['NAXIS', 2],
      ['NAXIS1', side],
      ['NAXIS2', side],
      ...tanCards(150, 2.2, scaled(ARCSEC)),
    ]);
    const dataBytes = side * side * 4;
    const size = header.length + Math.ceil(dataBytes / 2880) * 2880;
    let pixelBytesRead = 0;
    const virtual: ByteSource = {
      name: 'big.fits',
      size,
      async read(offset, length) {
        const out = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
        const dv = new DataView(out.buffer);
        for (let i = 0; i < out.length; i++) {
          const at = offset + i;
          if (at < header.length) out[i] = header[at]!;
          else if (at - header.length < dataBytes && (at - header.length) % 4 === 0) {
            const p = (at - header.length) / 4;
            if (i + 4 <= out.length)
              dv.setFloat32(i, valueAt((p % side) + 1, Math.floor(p / side) + 1), false);
          }
        }
        pixelBytesRead += Math.max(
          0,
          Math.min(offset + out.length, header.length + dataBytes) -
            Math.max(offset, header.length),
        );
        return out;
      },
      async close() {},
    };
    const result = await cutoutSource(virtual, {
      centre: { x: 3000, y: 1000 },
      width: 100,
      height: 100,
      unit: 'pixel',
    });
    expect(result.origin).toEqual({ x: 2951, y: 951 });
    expect(pixelBytesRead).toBeLessThanOrEqual(100 * side * 4);
    const out = await open(result.fits);
    const plane = await readImagePlane(out.source, out.hdu);
    expect(plane.data[0]).toBe(valueAt(2951, 951));
    expect(plane.data[99 * 100 + 99]).toBe(valueAt(3050, 1050));
    expect(out.hdu.header.commentary('HISTORY')[0]).toMatch(
      /Cutout of big\.fits HDU 0: x 2951\.\.3050, y 951\.\.1050 of 4096 x 4096/,
    );
  });

  it('should refuse boxes and positions it cannot cut', async () => {
    const bytes = image([200, 150], tanCards(150, 2.2, scaled(ARCSEC)));
    const plain = image([20, 20], []);
    const errorOf = async (b: Uint8Array, req: Partial<CutoutRequest>) => {
      const full: CutoutRequest = {
        centre: { x: 10, y: 10 },
        width: 5,
        height: 5,
        unit: 'pixel',
        ...req,
      };
      const err = await cutoutSource(bufferSource(b), full).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FitsError);
      return err as FitsError;
    };
    const outside = await errorOf(bytes, { centre: { x: 300, y: 10 } });
    expect(outside.code).toBe('FITS_CUTOUT_OUTSIDE');
    expect(outside.message).toMatch(/outside the 200 x 150 image/);
    expect((await errorOf(bytes, { centre: { x: -3, y: 10 }, width: 5 })).code).toBe(
      'FITS_CUTOUT_OUTSIDE',
    );
    expect((await errorOf(bytes, { centre: { ra: 150.5, dec: 2.2 } })).code).toBe(
      'FITS_CUTOUT_OUTSIDE',
    );
    expect((await errorOf(bytes, { width: 0 })).code).toBe('FITS_BAD_ARGUMENT');
    expect((await errorOf(bytes, { height: -4 })).code).toBe('FITS_BAD_ARGUMENT');
    expect((await errorOf(bytes, { width: Number.NaN })).code).toBe('FITS_BAD_ARGUMENT');
    expect((await errorOf(bytes, { width: 16385 })).code).toBe('FITS_CUTOUT_TOO_LARGE');
    expect((await errorOf(bytes, { width: 5, unit: 'arcmin', height: 1e6 })).code).toBe(
      'FITS_CUTOUT_TOO_LARGE',
    );
    const noWcs = await errorOf(plain, { centre: { ra: 10, dec: 10 } });
    expect(noWcs.code).toBe('FITS_NO_WCS');
    expect(noWcs.message).toMatch(/no CTYPE1\/CTYPE2/);
    expect((await errorOf(plain, { unit: 'arcsec' })).code).toBe('FITS_NO_WCS');
    const behind = await errorOf(bytes, { centre: { ra: 330, dec: -2.2 } });
    expect(behind.code).toBe('FITS_CUTOUT_NO_PROJECTION');
    expect((await errorOf(bytes, { centre: { ra: 150, dec: 91 } })).code).toBe('FITS_BAD_ARGUMENT');
    expect((await errorOf(bytes, { hdu: 2 })).code).toBe('FITS_NO_SUCH_HDU');
    expect((await errorOf(imageHdu({ bitpix: 8, naxis: [] }), {})).code).toBe('FITS_NOT_IMAGE');
  });
});
