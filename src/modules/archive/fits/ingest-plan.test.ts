import { describe, expect, it } from 'vitest';
import { bufferSource } from './byte-source.js';
import { FitsError } from './errors.js';
import { planIngest } from './ingest-plan.js';
import { separation } from './sky-geometry.js';
import { type CardInput, concatBytes, imageHdu } from './testing/fits-writer.js';

const WCS: CardInput[] = [
  ['CTYPE1', 'RA---TAN'],
  ['CTYPE2', 'DEC--TAN'],
  ['CRVAL1', 359.95],
  ['CRVAL2', -30],
  ['CRPIX1', 8.5],
  ['CRPIX2', 8.5],
  ['CDELT1', -0.001],
  ['CDELT2', 0.001],
  ['OBJECT', 'NGC 253'],
  ['TELESCOP', 'MeerKAT'],
  ['BUNIT', 'Jy/beam'],
  ['BMAJ', 0.002],
  ['BMIN', 0.001],
  ['BPA', 30],
  ['DATE-OBS', '2024-05-01T12:00:00'],
];
const pixels = Float32Array.from({ length: 256 }, (_, i) => (i === 100 ? 50 : (i % 7) - 3));

describe('planIngest', () => {
  it('plans one row per image HDU with metadata, centre, footprint, checksum and cards', async () => {
    const file = concatBytes(
      imageHdu({ bitpix: 8, naxis: [] }),
      imageHdu({
        primary: false,
        bitpix: -32,
        naxis: [16, 16],
        values: pixels,
        cards: WCS,
        checksum: true,
      }),
      imageHdu({
        primary: false,
        bitpix: 16,
        naxis: [4, 4],
        values: new Int16Array(16),
        cards: [
          ['BSCALE', 2],
          ['BZERO', 10],
        ],
      }),
    );
    const plan = await planIngest(bufferSource(file, 'm.fits'));
    expect(plan.map((p) => p.hduIndex)).toEqual([1, 2]);
    const [sky, plain] = plan;
    expect(sky?.object).toBe('NGC 253');
    expect(sky?.telescope).toBe('MeerKAT');
    expect(sky?.observedAt).toBe('2024-05-01T12:00:00.000Z');
    expect(sky?.checksumStatus).toBe('ok');
    expect(sky?.qa.grade).toBe('good');
    expect(separation(sky?.centre?.ra ?? 0, sky?.centre?.dec ?? 0, 359.95, -30)).toBeLessThan(
      0.001,
    );
    expect(sky?.footprint).toHaveLength(4);
    expect(sky?.pixelScaleDeg).toBeCloseTo(0.001, 6);
    expect(sky?.stats?.max).toBe(50);
    expect(sky?.beam).toEqual({ majorDeg: 0.002, minorDeg: 0.001, paDeg: 30 });
    expect(sky?.dynamicRange).toBeGreaterThan(10);
    expect(sky?.cards.find((c) => c.keyword === 'OBJECT')?.value).toBe('NGC 253');
    expect(plain?.centre).toBeNull();
    expect(plain?.qa.grade).toBe('warn');
    expect(plain?.checksumStatus).toBe('absent');
  });

  it('grades a file whose data no longer matches DATASUM as fail', async () => {
    const bytes = imageHdu({
      bitpix: -32,
      naxis: [16, 16],
      values: pixels,
      cards: WCS,
      checksum: true,
    });
    const corrupt = bytes.slice();
    corrupt[2880 + 10] = (corrupt[2880 + 10] ?? 0) ^ 0xff;
    const [image] = await planIngest(bufferSource(corrupt));
    expect(image?.checksumStatus).toBe('failed');
    expect(image?.qa).toMatchObject({ grade: 'fail', rule: 'checksum' });
  });

  it('throws the engine error for truncated and non-FITS input', async () => {
    const bytes = imageHdu({ bitpix: -32, naxis: [16, 16], values: pixels });
    await expect(planIngest(bufferSource(bytes.slice(0, 3000)))).rejects.toBeInstanceOf(FitsError);
    await expect(
      planIngest(bufferSource(new TextEncoder().encode('hello world'.repeat(300)))),
    ).rejects.toBeInstanceOf(FitsError);
  });
});
