import { describe, expect, it } from 'vitest';
import { bufferSource } from './byte-source.js';
import { readFitsStructure } from './hdu-walker.js';
import { inspectFits } from './inspect.js';
import { readSpectralAxis, summarizeImage } from './science-summary.js';
import { binTableHdu, type CardInput, concatBytes, imageHdu } from './testing/fits-writer.js';
import { validateHdu } from './validation.js';

const celestial: CardInput[] = [
  ['CTYPE1', 'RA---SIN'],
  ['CTYPE2', 'DEC--SIN'],
  ['CRVAL1', 83.8],
  ['CRVAL2', -5.4],
  ['CRPIX1', 2.5],
  ['CRPIX2', 2],
  ['CDELT1', -0.001],
  ['CDELT2', 0.001],
];

function cube(cards: CardInput[]) {
  // 4×3 pixels × 5 channels; plane k holds the value 10k + pixel index.
  const values = Array.from({ length: 60 }, (_, i) => 10 * Math.floor(i / 12) + (i % 12));
  return imageHdu({ bitpix: -32, naxis: [4, 3, 5], values, cards: [...celestial, ...cards] });
}

describe('science summary', () => {
  it('should give object, telescope, instrument, date, unit and beam', async () => {
    const bytes = cube([
      ['OBJECT', 'Orion KL'],
      ['TELESCOP', 'ALMA'],
      ['INSTRUME', 'BAND6'],
      ['DATE-OBS', '2019-01-02T03:04:05.6'],
      ['BUNIT', 'Jy/beam'],
      ['BMAJ', 0.0005],
      ['BMIN', 0.00025],
      ['BPA', -12.5],
    ]);
    const hdu = (await readFitsStructure(bufferSource(bytes))).hdus[0]!;
    const s = summarizeImage(hdu);
    expect(s).toMatchObject({
      dimensions: [4, 3, 5],
      bitpix: -32,
      object: 'Orion KL',
      telescope: 'ALMA',
      instrument: 'BAND6',
      dateObs: '2019-01-02T03:04:05.6',
      bunit: 'Jy/beam',
      beam: { bmaj: 0.0005, bmin: 0.00025, bpa: -12.5, bmajArcsec: 1.8, bminArcsec: 0.9 },
    });
    expect(validateHdu(hdu).filter((i) => i.level !== 'info')).toEqual([]);
  });

  it('should give the frequency of a plane and the bandwidth of a FREQ axis', async () => {
    const bytes = cube([
      ['CTYPE3', 'FREQ'],
      ['CRVAL3', 230.5e9],
      ['CDELT3', -0.5e6],
      ['CRPIX3', 1],
      ['CUNIT3', 'Hz'],
      ['RESTFRQ', 230.538e9],
    ]);
    const hdu = (await readFitsStructure(bufferSource(bytes))).hdus[0]!;
    expect(readSpectralAxis(hdu, 3)).toMatchObject({
      axis: 3,
      ctype: 'FREQ',
      channels: 5,
      restFrequency: 230.538e9,
      planeFrequency: 230.5e9 - 3 * 0.5e6,
      channelWidth: 0.5e6,
      bandwidth: 2.5e6,
    });
  });

  it('should convert a radio velocity axis to frequency with RESTFREQ', async () => {
    const bytes = cube([
      ['CTYPE3', 'VRAD'],
      ['CRVAL3', 1000],
      ['CDELT3', 500],
      ['CRPIX3', 1],
      ['CUNIT3', 'km/s'],
      ['RESTFREQ', 1.42040575e9],
    ]);
    const hdu = (await readFitsStructure(bufferSource(bytes))).hdus[0]!;
    const axis = readSpectralAxis(hdu, 0)!;
    const c = 299792458;
    expect(axis.planeFrequency).toBeCloseTo(1.42040575e9 * (1 - 1e6 / c), 3);
    expect(axis.channelWidth).toBeCloseTo(1.42040575e9 * (0.5e6 / c), 3);
    expect(validateHdu(hdu).map((i) => i.code)).toContain('DEPRECATED_KEYWORD');
  });
});

describe('validation', () => {
  it('should flag a missing WCS, a missing beam for Jy/beam, a non-ISO date and duplicates', async () => {
    const bytes = imageHdu({
      bitpix: 16,
      naxis: [2, 2],
      values: [1, 2, 3, 4],
      cards: [
        ['BUNIT', 'JY/BEAM'],
        ['DATE-OBS', '26/10/92'],
        ['OBJECT', 'a'],
        ['OBJECT', 'b'],
        ['EPOCH', 1950],
      ],
    });
    const hdu = (await readFitsStructure(bufferSource(bytes))).hdus[0]!;
    const codes = validateHdu(hdu).map((i) => `${i.level}:${i.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'warning:MISSING_WCS',
        'warning:MISSING_BEAM',
        'warning:NONSTANDARD_DATE',
        'warning:DUPLICATE_KEYWORD',
        'info:DEPRECATED_KEYWORD',
        'info:NO_CHECKSUM',
      ]),
    );
  });
});

describe('inspectFits', () => {
  it('should report every HDU, statistics of a chosen plane, and tables', async () => {
    const bytes = concatBytes(
      cube([
        ['CTYPE3', 'FREQ'],
        ['CRVAL3', 1e9],
        ['CDELT3', 1e6],
        ['CRPIX3', 1],
      ]),
      binTableHdu([{ name: 'ID', format: 'J', unit: 'n', values: [1, 2] }], [['EXTNAME', 'CAT']]),
    );
    const all = await inspectFits(bufferSource(bytes, 'cube.fits'));
    expect(all.hdus.map((h) => [h.index, h.type, h.shape])).toEqual([
      [0, 'primary', [4, 3, 5]],
      [1, 'bintable', [4, 2]],
    ]);
    expect(all.hdus[0]!.stats).toMatchObject({ count: 60, min: 0, max: 51, median: 25.5 });
    expect(all.hdus[0]!.wcs?.centre?.ra).toBeCloseTo(83.8, 9);
    expect(all.hdus[1]).toMatchObject({
      extname: 'CAT',
      table: { rows: 2, columns: [{ name: 'ID', format: 'J', unit: 'n' }] },
      stats: null,
    });

    const plane = await inspectFits(bufferSource(bytes), { hdu: 0, plane: 2 });
    expect(plane.hdus).toHaveLength(1);
    expect(plane.hdus[0]).toMatchObject({
      plane: 2,
      stats: { count: 12, min: 20, max: 31, median: 25.5 },
    });
    expect(plane.hdus[0]!.summary?.spectral?.planeFrequency).toBe(1.002e9);
    await expect(inspectFits(bufferSource(bytes), { hdu: 0, plane: 5 })).rejects.toThrow(
      /plane 5 is out of range/,
    );
    await expect(inspectFits(bufferSource(bytes), { hdu: 1, plane: 0 })).rejects.toThrow(
      /--plane needs an image HDU/,
    );
  });

  it('should give the same statistics streamed as in memory', async () => {
    const bytes = cube([]);
    const a = await inspectFits(bufferSource(bytes));
    const b = await inspectFits(bufferSource(bytes), { pass: { streaming: true, chunkBytes: 16 } });
    const { mean: ma, std: sa, ...restA } = a.hdus[0]!.stats!;
    const { mean: mb, std: sb, ...restB } = b.hdus[0]!.stats!;
    expect(restB).toEqual(restA);
    expect(mb).toBeCloseTo(ma!, 12);
    expect(sb).toBeCloseTo(sa!, 12);
  });
});
