import { describe, expect, it } from 'vitest';
import { bufferSource } from './byte-source.js';
import { FitsError } from './errors.js';
import { readFitsStructure } from './hdu-walker.js';
import { card, headerBytes, imageHdu, longStringCards } from './testing/fits-writer.js';

async function primaryHeader(cards: Parameters<typeof headerBytes>[0]) {
  const bytes = headerBytes([['SIMPLE', true], ['BITPIX', 8], ['NAXIS', 0], ...cards]);
  const file = await readFitsStructure(bufferSource(bytes));
  return { header: file.hdus[0]!.header, warnings: file.warnings };
}

describe('header parsing', () => {
  it('should join CONTINUE long strings and keep a final & that nothing continues', async () => {
    const long = 'x'.repeat(50) + "it''s".replace("''", "'") + 'y'.repeat(120);
    const { header } = await primaryHeader([
      ...longStringCards('LONGSTR', long),
      ['AMP', 'ends with &'],
      ['NEXT', 1],
    ]);
    expect(header.string('LONGSTR')).toBe(long);
    expect(header.string('AMP')).toBe('ends with &');
    expect(header.number('NEXT')).toBe(1);
    expect(header.cards.some((c) => c.keyword === 'CONTINUE')).toBe(false);
  });

  it('should read HIERARCH keywords, COMMENT, HISTORY and blank-keyword cards', async () => {
    const { header, warnings } = await primaryHeader([
      "HIERARCH ESO DET CHIP NAME = 'CCD-44' / chip",
      'HIERARCH ESO TEL AIRM START = 1.234',
      ['COMMENT', undefined, 'first comment'],
      ['HISTORY', undefined, 'made by a test'],
      '              / GROUP PARAMETERS: OSS',
    ]);
    expect(header.string('ESO DET CHIP NAME')).toBe('CCD-44');
    expect(header.card('ESO DET CHIP NAME')?.comment).toBe('chip');
    expect(header.number('ESO TEL AIRM START')).toBe(1.234);
    expect(header.commentary('COMMENT')).toEqual(['first comment']);
    expect(header.commentary('HISTORY')).toEqual(['made by a test']);
    expect(warnings).toEqual([]);
  });

  it('should keep the first of duplicated keywords and warn on non-standard keyword characters', async () => {
    const { header, warnings } = await primaryHeader([['DUP', 1], ['DUP', 2], card('bad.key', 3)]);
    expect(header.number('DUP')).toBe(1);
    expect(warnings.map((w) => w.code)).toContain('NONSTANDARD_KEYWORD');
    expect(warnings[0]!.message).toMatch(/bad\.key.*HDU 0, card 6/);
  });

  it('should name the HDU, card, keyword and byte offset of a malformed card', async () => {
    const bad = headerBytes([
      ['SIMPLE', true],
      ['BITPIX', 8],
      ['NAXIS', 0],
      "OBJECT  = 'no end quote",
    ]);
    const err = await readFitsStructure(bufferSource(bad)).catch((e) => e);
    expect(err).toBeInstanceOf(FitsError);
    expect(err.code).toBe('FITS_MALFORMED_CARD');
    expect(err.where).toEqual({ hdu: 0, card: 4, keyword: 'OBJECT', offset: 240 });
    expect(err.message).toMatch(
      /no closing quote \(HDU 0, card 4, keyword OBJECT, byte offset 240\)/,
    );
  });

  it('should report a control byte inside a card with its column', async () => {
    const bytes = headerBytes([
      ['SIMPLE', true],
      ['BITPIX', 8],
      ['NAXIS', 0],
      ['OBJECT', 'ab'],
    ]);
    bytes[3 * 80 + 12] = 0x07;
    await expect(readFitsStructure(bufferSource(bytes))).rejects.toThrow(
      /byte 0x07 at column 13.*HDU 0, card 4/,
    );
  });

  it('should read a second extension header at the right offset', async () => {
    const file = await readFitsStructure(
      bufferSource(
        new Uint8Array([
          ...imageHdu({ bitpix: 8, naxis: [] }),
          ...imageHdu({
            primary: false,
            bitpix: 16,
            naxis: [3, 2],
            values: [1, 2, 3, 4, 5, 6],
            cards: [['EXTNAME', 'SCI']],
          }),
        ]),
      ),
    );
    expect(file.hdus[1]!.headerOffset).toBe(2880);
    expect(file.hdus[1]!.extname).toBe('SCI');
  });
});
