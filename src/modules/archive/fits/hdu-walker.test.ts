import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bufferSource } from './byte-source.js';
import { FitsError } from './errors.js';
import { readFitsStructure } from './hdu-walker.js';
import { binTableHdu, concatBytes, headerBytes, imageHdu } from './testing/fits-writer.js';

const read = (bytes: Uint8Array) => readFitsStructure(bufferSource(bytes));

async function failure(bytes: Uint8Array): Promise<FitsError> {
  const err = await read(bytes).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FitsError);
  return err as FitsError;
}

describe('readFitsStructure', () => {
  it('should give offsets and data sizes of every HDU in a multi-extension file', async () => {
    const primary = imageHdu({ bitpix: 16, naxis: [10, 10], values: new Array(100).fill(1) });
    const ext = imageHdu({
      primary: false,
      bitpix: -64,
      naxis: [4, 3, 2],
      values: new Array(24).fill(0.5),
    });
    const table = binTableHdu([{ name: 'A', format: 'J', values: [1, 2, 3] }]);
    const file = await read(concatBytes(primary, ext, table));
    expect(file.hdus.map((h) => h.type)).toEqual(['primary', 'image', 'bintable']);
    expect(file.hdus.map((h) => h.headerOffset)).toEqual([0, 5760, 11520]);
    expect(file.hdus.map((h) => h.dataOffset)).toEqual([2880, 8640, 14400]);
    expect(file.hdus.map((h) => h.dataSize)).toEqual([200, 192, 12]);
    expect(file.hdus[1]!.naxis).toEqual([4, 3, 2]);
    expect(file.warnings).toEqual([]);
  });

  it('should read headers without reading data bytes', async () => {
    const bytes = concatBytes(
      imageHdu({ bitpix: -64, naxis: [100, 100], values: new Array(10000).fill(1) }),
      imageHdu({ primary: false, bitpix: 16, naxis: [300, 200], values: new Array(60000).fill(2) }),
    );
    const inner = bufferSource(bytes);
    const reads: [number, number][] = [];
    const counting = {
      ...inner,
      read: (offset: number, length: number) => {
        reads.push([offset, length]);
        return inner.read(offset, length);
      },
    };
    const file = await readFitsStructure(counting);
    expect(file.hdus).toHaveLength(2);
    const dataRanges = file.hdus.map((h) => [h.dataOffset, h.dataOffset + h.paddedDataSize]);
    for (const [offset, length] of reads) {
      for (const [from, to] of dataRanges)
        expect(offset + length <= from! || offset >= to!).toBe(true);
    }
  });

  it('should count PCOUNT and GCOUNT in the data size (heap and random groups)', async () => {
    const heap = headerBytes([
      ['XTENSION', 'BINTABLE'],
      ['BITPIX', 8],
      ['NAXIS', 2],
      ['NAXIS1', 8],
      ['NAXIS2', 10],
      ['PCOUNT', 100],
      ['GCOUNT', 1],
      ['TFIELDS', 1],
      ['TFORM1', '1PB(20)'],
    ]);
    const groups = headerBytes([
      ['SIMPLE', true],
      ['BITPIX', 16],
      ['NAXIS', 3],
      ['NAXIS1', 0],
      ['NAXIS2', 4],
      ['NAXIS3', 5],
      ['GROUPS', true],
      ['PCOUNT', 2],
      ['GCOUNT', 3],
    ]);
    const file = await read(concatBytes(groups, new Uint8Array(2880), heap, new Uint8Array(2880)));
    expect(file.hdus[0]!.type).toBe('random-groups');
    expect(file.hdus[0]!.dataSize).toBe(2 * 3 * (2 + 20));
    expect(file.hdus[1]!.dataSize).toBe(180);
  });

  it('should fail on a truncated data unit, saying how many bytes were needed and where', async () => {
    const whole = imageHdu({ bitpix: 32, naxis: [100, 100], values: new Array(10000).fill(7) });
    const err = await failure(whole.subarray(0, 2880 + 5000));
    expect(err.code).toBe('FITS_TRUNCATED');
    expect(err.message).toMatch(
      /needs 40000 bytes from offset 2880 .* file ends at byte 7880.*HDU 0/,
    );
  });

  it('should fail on a header without END', async () => {
    const noEnd = headerBytes(
      [
        ['SIMPLE', true],
        ['BITPIX', 8],
        ['NAXIS', 0],
      ],
      false,
    );
    const err = await failure(noEnd);
    expect(err.code).toBe('FITS_MISSING_END');
    expect(err.message).toMatch(/no END card.*HDU 0/);
  });

  it('should fail when a header runs into binary data without END', async () => {
    const noEnd = headerBytes(
      [
        ['SIMPLE', true],
        ['BITPIX', 8],
        ['NAXIS', 0],
      ],
      false,
    );
    const binary = new Uint8Array(2880).map((_, i) => (i * 37) % 256);
    const err = await failure(concatBytes(noEnd, binary));
    expect(err.code).toBe('FITS_MISSING_END');
    expect(err.where.hdu).toBe(0);
    expect(err.where.offset).toBe(2880);
  });

  it('should fail on a file cut inside a header block', async () => {
    const err = await failure(
      headerBytes(
        [
          ['SIMPLE', true],
          ['BITPIX', 8],
        ],
        false,
      ).subarray(0, 1000),
    );
    expect(err.code).toBe('FITS_TRUNCATED');
    expect(err.message).toMatch(/1000 of 2880 bytes/);
  });

  it('should fail on an unknown BITPIX naming the card', async () => {
    const err = await failure(
      headerBytes([
        ['SIMPLE', true],
        ['BITPIX', 24],
        ['NAXIS', 0],
      ]),
    );
    expect(err.code).toBe('FITS_UNKNOWN_BITPIX');
    expect(err.message).toMatch(/BITPIX = 24 .*HDU 0, card 2, keyword BITPIX/);
  });

  it('should fail on missing or impossible axis keywords', async () => {
    let err = await failure(
      headerBytes([
        ['SIMPLE', true],
        ['BITPIX', 8],
        ['NAXIS', 2],
        ['NAXIS1', 3],
      ]),
    );
    expect(err.code).toBe('FITS_MISSING_KEYWORD');
    expect(err.message).toMatch(/NAXIS2 is missing/);
    err = await failure(
      headerBytes([
        ['SIMPLE', true],
        ['BITPIX', 8],
        ['NAXIS', 1],
        ['NAXIS1', -3],
      ]),
    );
    expect(err.code).toBe('FITS_BAD_KEYWORD_VALUE');
    err = await failure(
      headerBytes([
        ['SIMPLE', true],
        ['BITPIX', 8],
        ['NAXIS', 'two'],
      ]),
    );
    expect(err.message).toMatch(/NAXIS = two/);
  });

  it('should fail on sizes that do not add up (NAXIS claims more data than the file has)', async () => {
    const small = imageHdu({ bitpix: 8, naxis: [10, 10], values: new Array(100).fill(1) });
    const lying = headerBytes([
      ['SIMPLE', true],
      ['BITPIX', 8],
      ['NAXIS', 2],
      ['NAXIS1', 1000],
      ['NAXIS2', 1000],
    ]);
    const err = await failure(concatBytes(lying, small.subarray(2880)));
    expect(err.code).toBe('FITS_TRUNCATED');
    expect(err.message).toMatch(/needs 1000000 bytes/);
  });

  it('should reject files that are not FITS or empty', async () => {
    expect((await failure(new Uint8Array(0))).code).toBe('FITS_NOT_FITS');
    const notFits = headerBytes([['SIMPLER', true]]);
    expect((await failure(notFits)).code).toBe('FITS_NOT_FITS');
    const json = new TextEncoder().encode('{"name": "not a FITS file"}');
    const err = await failure(json);
    expect(err.code).toBe('FITS_NOT_FITS');
    expect(err.message).toMatch(/does not start with SIMPLE/);
  });

  it('should warn, not fail, on trailing bytes, missing padding and missing PCOUNT', async () => {
    const img = imageHdu({ bitpix: 8, naxis: [4], values: [1, 2, 3, 4] });
    let file = await read(concatBytes(img, new Uint8Array(2880).fill(0x41)));
    expect(file.hdus).toHaveLength(1);
    expect(file.warnings.map((w) => w.code)).toEqual(['TRAILING_BYTES']);
    file = await read(img.subarray(0, 2884));
    expect(file.warnings.map((w) => w.code)).toEqual([
      'SIZE_NOT_BLOCK_MULTIPLE',
      'MISSING_PADDING',
    ]);
    const ext = headerBytes([
      ['XTENSION', 'IMAGE'],
      ['BITPIX', 8],
      ['NAXIS', 0],
    ]);
    file = await read(
      concatBytes(
        headerBytes([
          ['SIMPLE', true],
          ['BITPIX', 8],
          ['NAXIS', 0],
        ]),
        ext,
      ),
    );
    expect(file.warnings.map((w) => w.code)).toEqual(['MISSING_PCOUNT_GCOUNT']);
  });

  it('should never crash or hang on corrupted bytes: only FitsError or a result', async () => {
    const base = concatBytes(
      imageHdu({
        bitpix: 16,
        naxis: [20, 20],
        values: new Array(400).fill(3),
        cards: [['OBJECT', 'x']],
      }),
      binTableHdu([{ name: 'A', format: 'E', values: [1, 2] }]),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), {
          maxLength: 8,
        }),
        fc.nat(base.length),
        async (edits, cut) => {
          const bytes = base.slice(0, cut);
          for (const [at, v] of edits) if (at < bytes.length) bytes[at] = v;
          try {
            await read(bytes);
          } catch (e) {
            if (!(e instanceof FitsError)) throw e;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
