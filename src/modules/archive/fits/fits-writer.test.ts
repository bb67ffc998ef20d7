import { describe, expect, it } from 'vitest';
import { bufferSource } from './byte-source.js';
import { FitsError } from './errors.js';
import {
  encodePhysical,
  formatCard,
  formatNumber,
  serializeHeader,
  writePrimaryImage,
} from './fits-writer.js';
import { readFitsStructure } from './hdu-walker.js';
import { readImagePlane } from './image-reader.js';

async function readBack(bytes: Uint8Array) {
  const source = bufferSource(bytes);
  const file = await readFitsStructure(source);
  const hdu = file.hdus[0]!;
  return { file, hdu, plane: await readImagePlane(source, hdu) };
}

describe('formatNumber', () => {
  it('should write numbers that read back to the same double', async () => {
    const values = [0, -7, 2 ** 53 - 1, 0.1, -1 / 3, 1e-300, 1.5e300, 2 ** 60, -1e21, 123.456e-20];
    const cards = values.map((value, i) => ({ keyword: `V${i}`, value }));
    const bytes = serializeHeader([{ keyword: 'SIMPLE', value: true }, ...cards]);
    expect(bytes.length % 2880).toBe(0);
    // A header alone is not a readable file without BITPIX/NAXIS: write it as a primary image.
    const { hdu } = await readBack(
      writePrimaryImage({ bitpix: 8, naxis: [1], cards, data: new Uint8Array(1) }),
    );
    for (const [i, v] of values.entries()) expect(hdu.header.number(`V${i}`)).toBe(v);
    expect(formatNumber(1e-7)).toBe('1.0E-7');
    expect(formatNumber(2 ** 60)).toBe('1.152921504606847E+18');
    expect(() => formatNumber(Number.NaN)).toThrow(FitsError);
  });
});

describe('formatCard', () => {
  it('should quote strings with doubled quotes, write T/F and split long strings', async () => {
    const long = `${"O'Brien's ".repeat(12)}end`;
    const cards = [
      { keyword: 'OBJECT', value: "M31 'core'", comment: 'target' },
      { keyword: 'SHORT', value: 'a' },
      { keyword: 'EMPTY', value: '' },
      { keyword: 'FLAG', value: true },
      { keyword: 'OTHER', value: false },
      { keyword: 'UNDEF', value: null, comment: 'no value' },
      { keyword: 'LONGSTR', value: long, comment: 'continued' },
      { keyword: 'HISTORY', comment: 'x'.repeat(100) },
      { keyword: 'COMMENT', comment: 'a comment' },
    ];
    expect(formatCard(cards[0]!)).toEqual(["OBJECT  = 'M31 ''core''' / target".padEnd(80)]);
    expect(formatCard(cards[1]!)[0]).toBe("SHORT   = 'a       '".padEnd(80));
    expect(formatCard(cards[3]!)[0]).toBe(`FLAG    = ${'T'.padStart(20)}`.padEnd(80));
    expect(formatCard(cards[6]!).length).toBeGreaterThan(1);
    expect(formatCard(cards[7]!)).toHaveLength(2);
    const { hdu } = await readBack(
      writePrimaryImage({ bitpix: -32, naxis: [2], cards, data: encodePhysical(-32, [1, 2]) }),
    );
    const h = hdu.header;
    expect(h.string('OBJECT')).toBe("M31 'core'");
    expect(h.card('OBJECT')!.comment).toBe('target');
    expect(h.string('SHORT')).toBe('a');
    expect(h.string('EMPTY')).toBe('');
    expect(h.boolean('FLAG')).toBe(true);
    expect(h.boolean('OTHER')).toBe(false);
    expect(h.get('UNDEF')).toBeNull();
    expect(h.string('LONGSTR')).toBe(long);
    expect(h.commentary('HISTORY').join('')).toBe('x'.repeat(100));
    expect(h.commentary('COMMENT')).toEqual(['a comment']);
  });

  it('should refuse what FITS cannot hold', () => {
    expect(() => formatCard({ keyword: 'TOOLONGKEY', value: 1 })).toThrow(/not a FITS keyword/);
    expect(() => formatCard({ keyword: 'OBJECT', value: 'café' })).toThrow(/ASCII/);
    expect(() => formatCard({ keyword: 'OBJECT' })).toThrow(/no value/);
    expect(() =>
      writePrimaryImage({
        bitpix: 8,
        naxis: [1],
        cards: [{ keyword: 'NAXIS', value: 3 }],
        data: new Uint8Array(1),
      }),
    ).toThrow(/written by the writer/);
  });
});

describe('writePrimaryImage', () => {
  it('should write float images big-endian, NaN kept, padded with zeros', async () => {
    const values = [1.5, -2.25, Number.NaN, 3e30, 0, 7];
    for (const bitpix of [-32, -64] as const) {
      const bytes = writePrimaryImage({
        bitpix,
        naxis: [3, 2],
        data: encodePhysical(bitpix, values),
      });
      expect(bytes.length).toBe(2 * 2880);
      expect(bytes.subarray(2880 + 6 * (Math.abs(bitpix) / 8)).every((b) => b === 0)).toBe(true);
      const { hdu, plane } = await readBack(bytes);
      expect(hdu.naxis).toEqual([3, 2]);
      expect(hdu.bitpix).toBe(bitpix);
      expect([...plane.data]).toEqual(values.map((v) => (bitpix === -32 ? Math.fround(v) : v)));
    }
  });

  it('should keep integer BITPIX with BSCALE, BZERO and BLANK', async () => {
    const scaling = { bscale: 0.5, bzero: 1000, blank: -32768 };
    const values = [1000, 1000.5, 999.5, Number.NaN, 17383.5, -15383.5];
    const bytes = writePrimaryImage({
      bitpix: 16,
      naxis: [6],
      scaling,
      data: encodePhysical(16, values, scaling),
    });
    const { hdu, plane } = await readBack(bytes);
    expect(hdu.header.number('BSCALE')).toBe(0.5);
    expect(hdu.header.number('BZERO')).toBe(1000);
    expect(hdu.header.number('BLANK')).toBe(-32768);
    expect([...plane.data]).toEqual(values);
    expect(() => encodePhysical(16, [1e9])).toThrow(/does not fit/);
    expect(() => encodePhysical(32, [Number.NaN])).toThrow(/no BLANK/);
  });

  it('should check the data length against the axes', () => {
    expect(() => writePrimaryImage({ bitpix: 16, naxis: [2, 2], data: new Uint8Array(6) })).toThrow(
      /8/,
    );
  });
});
