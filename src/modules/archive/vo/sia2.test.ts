import { describe, expect, it } from 'vitest';
import { mjdOf } from './image-facts.js';
import { parseSia2Query } from './params.js';
import { sia2Hint, sia2Keeps } from './sia2.js';
import { voImage } from './testing.js';

const ctx = { publisherDid: (image: { id: string }) => `ivo://lectern/archive?${image.id}` };
const keeps = (query: Record<string, string | string[]>) =>
  sia2Keeps(parseSia2Query(query, 100, 100), ctx);

// 1.4 GHz ± 50 MHz is 0.2069 m … 0.2141 m; observed 2024-03-01T12:00Z.
const image = voImage({ id: 'a' });
const mjd = mjdOf(new Date('2024-03-01T12:00:00Z'));

describe('sia2Keeps', () => {
  it('should keep an image whose wavelengths overlap a BAND, OR-ed over BANDs', () => {
    expect(keeps({ BAND: '0.21' })(image)).toBe(true);
    expect(keeps({ BAND: '0.214 1' })(image)).toBe(true);
    expect(keeps({ BAND: '0.3 1' })(image)).toBe(false);
    expect(keeps({ BAND: ['0.3 1', '-Inf 0.207'] })(image)).toBe(true);
    expect(keeps({ BAND: '0.21' })(voImage({ id: 'b', frequencyHz: null }))).toBe(false);
  });

  it('should keep an image observed within TIME (MJD)', () => {
    expect(mjd).toBe(60370.5);
    expect(keeps({ TIME: '60370 60371' })(image)).toBe(true);
    expect(keeps({ TIME: '60371 +Inf' })(image)).toBe(false);
    expect(keeps({ TIME: '60370 60371' })(voImage({ id: 'b', observedAt: null }))).toBe(false);
  });

  it('should match names case-insensitively and the collection, level, type and format', () => {
    expect(keeps({ FACILITY: 'lofar', INSTRUMENT: 'hba', TARGET: 'm31' })(image)).toBe(true);
    expect(keeps({ FACILITY: 'VLA' })(image)).toBe(false);
    expect(keeps({ COLLECTION: 'lectern-archive', CALIB: '2', DPTYPE: 'image' })(image)).toBe(true);
    expect(keeps({ CALIB: '3' })(image)).toBe(false);
    expect(keeps({ DPTYPE: 'cube' })(image)).toBe(false);
    expect(keeps({ DPTYPE: 'cube' })(voImage({ id: 'c', shape: [8, 8, 16] }))).toBe(true);
    expect(keeps({ FORMAT: 'application/fits' })(image)).toBe(true);
    expect(keeps({ ID: 'ivo://lectern/archive?a' })(image)).toBe(true);
    expect(keeps({ ID: 'ivo://lectern/archive?b' })(image)).toBe(false);
  });

  it('should match nothing on what the archive does not record', () => {
    for (const name of ['EXPTIME', 'TIMERES', 'SPECRP'])
      expect(keeps({ [name]: '0 +Inf' })(image)).toBe(false);
    expect(keeps({ POL: 'I' })(image)).toBe(false);
  });

  it('should check FOV and SPATRES against s_fov (degrees) and s_resolution (arcsec)', () => {
    // 8×6 pixels of 0.001°: a 0.01° diagonal and 3.6″ pixels.
    expect(keeps({ FOV: '0.005 0.02', SPATRES: '3 4' })(image)).toBe(true);
    expect(keeps({ SPATRES: '0 1' })(image)).toBe(false);
  });
});

describe('sia2Hint', () => {
  it('should pass the hull of BAND (as Hz) and TIME (as dates) to the catalog', () => {
    const hint = sia2Hint(parseSia2Query({ BAND: ['0.1 0.2', '1 2'], TIME: '60370 60371' }, 1, 1));
    expect(hint.minHz).toBeCloseTo(299_792_458 / 2, 3);
    expect(hint.maxHz).toBeCloseTo(299_792_458 / 0.1, 3);
    expect(hint.fromDate?.toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(hint.toDate?.toISOString()).toBe('2024-03-02T00:00:00.000Z');
  });

  it('should leave open ends out', () => {
    expect(sia2Hint(parseSia2Query({ BAND: '0 +Inf', TIME: '-Inf +Inf' }, 1, 1))).toEqual({});
  });
});
