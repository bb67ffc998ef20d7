import { describe, expect, it } from 'vitest';
import { bufferSource } from './byte-source.js';
import { FitsError } from './errors.js';
import { readFitsStructure } from './hdu-walker.js';
import { createPixelPass, readImagePlane } from './image-reader.js';
import { scalingOf } from './scaling.js';
import { type CardInput, concatBytes, imageHdu } from './testing/fits-writer.js';

async function decode(bitpix: number, values: (number | bigint)[], cards: CardInput[] = []) {
  const bytes = imageHdu({ bitpix, naxis: [values.length], values, cards });
  const source = bufferSource(bytes);
  const file = await readFitsStructure(source);
  const hdu = file.hdus[0]!;
  return { plane: await readImagePlane(source, hdu), hdu, source };
}

describe('image reading', () => {
  it('should decode every BITPIX big-endian', async () => {
    expect([...(await decode(8, [0, 1, 127, 128, 255])).plane.data]).toEqual([0, 1, 127, 128, 255]);
    expect([...(await decode(16, [-32768, -1, 0, 1, 32767])).plane.data]).toEqual([
      -32768, -1, 0, 1, 32767,
    ]);
    expect([...(await decode(32, [-2147483648, -5, 0, 2147483647])).plane.data]).toEqual([
      -2147483648, -5, 0, 2147483647,
    ]);
    expect([
      ...(await decode(64, [-(2n ** 40n) - 3n, -1n, 0n, 2n ** 52n + 1n])).plane.data,
    ]).toEqual([-(2 ** 40) - 3, -1, 0, 2 ** 52 + 1]);
    expect([...(await decode(-32, [1.5, -0.25, 3.4e38, Number.NaN])).plane.data]).toEqual([
      1.5,
      -0.25,
      Math.fround(3.4e38),
      Number.NaN,
    ]);
    expect([...(await decode(-64, [Math.PI, -1e-300, Number.NaN])).plane.data]).toEqual([
      Math.PI,
      -1e-300,
      Number.NaN,
    ]);
  });

  it('should apply BSCALE and BZERO in double precision', async () => {
    const { plane } = await decode(
      16,
      [0, 1, -1, 1000],
      [
        ['BSCALE', 2.5],
        ['BZERO', 100.25],
      ],
    );
    expect([...plane.data]).toEqual([100.25, 102.75, 97.75, 2600.25]);
    const f = await decode(
      -32,
      [2, 4],
      [
        ['BSCALE', 0.5],
        ['BZERO', -1],
      ],
    );
    expect([...f.plane.data]).toEqual([0, 1]);
  });

  it('should apply the unsigned-integer conventions', async () => {
    const u16 = await decode(
      16,
      [-32768, 0, 32767],
      [
        ['BSCALE', 1],
        ['BZERO', 32768],
      ],
    );
    expect([...u16.plane.data]).toEqual([0, 32768, 65535]);
    expect(scalingOf(u16.hdu).unsigned).toBe(true);
    const u32 = await decode(32, [-2147483648, 2147483647], [['BZERO', 2147483648]]);
    expect([...u32.plane.data]).toEqual([0, 4294967295]);
    const u64 = await decode(
      64,
      [-(2n ** 63n), 0n, 2n ** 63n - 1n],
      [['BZERO', 9223372036854775808n]],
    );
    expect([...u64.plane.data]).toEqual([0, 2 ** 63, 2 ** 64]);
    const s8 = await decode(8, [0, 128, 255], [['BZERO', -128]]);
    expect([...s8.plane.data]).toEqual([-128, 0, 127]);
  });

  it('should turn BLANK into NaN before scaling, for every integer BITPIX', async () => {
    const b8 = await decode(8, [0, 255, 7], [['BLANK', 255]]);
    expect([...b8.plane.data]).toEqual([0, Number.NaN, 7]);
    const b16 = await decode(
      16,
      [-32768, 5],
      [
        ['BLANK', -32768],
        ['BSCALE', 2],
        ['BZERO', 1],
      ],
    );
    expect([...b16.plane.data]).toEqual([Number.NaN, 11]);
    const b32 = await decode(32, [-1, 9], [['BLANK', -1]]);
    expect([...b32.plane.data]).toEqual([Number.NaN, 9]);
    const b64 = await decode(64, [-(2n ** 63n), 4n], [['BLANK', -(2n ** 63n)]]);
    expect([...b64.plane.data]).toEqual([Number.NaN, 4]);
  });

  it('should read planes of a cube by index and reject planes out of range', async () => {
    const values = Array.from({ length: 4 * 3 * 2 * 2 }, (_, i) => i);
    const bytes = imageHdu({ bitpix: 16, naxis: [4, 3, 2, 2], values });
    const source = bufferSource(bytes);
    const hdu = (await readFitsStructure(source)).hdus[0]!;
    const p2 = await readImagePlane(source, hdu, 2);
    expect(p2.width).toBe(4);
    expect(p2.height).toBe(3);
    expect([...p2.data]).toEqual(values.slice(24, 36));
    await expect(readImagePlane(source, hdu, 4)).rejects.toThrow(
      /plane 4 is out of range: the image has 4 plane/,
    );
  });

  it('should stream the same values as it reads in memory, chunk by chunk', async () => {
    const values = Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 1000) - 500);
    const bytes = concatBytes(
      imageHdu({ bitpix: 32, naxis: [100, 50], values, cards: [['BZERO', 0.5]] }),
    );
    const source = bufferSource(bytes);
    const hdu = (await readFitsStructure(source)).hdus[0]!;
    const { pass, streaming } = await createPixelPass(source, hdu, {
      streaming: true,
      chunkBytes: 1000,
    });
    expect(streaming).toBe(true);
    const seen: number[] = [];
    let chunks = 0;
    await pass((chunk) => {
      chunks++;
      seen.push(...chunk);
    });
    expect(chunks).toBe(20);
    expect(seen).toEqual(values.map((v) => v + 0.5));
  });

  it('should refuse to read image data from a table HDU', async () => {
    const bytes = imageHdu({ bitpix: 8, naxis: [] });
    const source = bufferSource(bytes);
    const hdu = (await readFitsStructure(source)).hdus[0]!;
    await expect(readImagePlane(source, hdu)).rejects.toBeInstanceOf(FitsError);
  });
});
