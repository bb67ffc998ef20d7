import { describe, expect, it } from 'vitest';
import { bufferSource } from './byte-source.js';
import { readFitsStructure } from './hdu-walker.js';
import { readColumn, readTableInfo } from './table.js';
import { asciiTableHdu, binTableHdu, concatBytes, imageHdu } from './testing/fits-writer.js';

async function open(bytes: Uint8Array) {
  const source = bufferSource(bytes);
  const file = await readFitsStructure(source);
  return { source, hdu: file.hdus[1]! };
}

describe('tables', () => {
  it('should describe and read scalar BINTABLE columns of every type', async () => {
    const { source, hdu } = await open(
      concatBytes(
        imageHdu({ bitpix: 8, naxis: [] }),
        binTableHdu(
          [
            { name: 'FLAG', format: 'L', values: [true, false, true] },
            { name: 'BYTE', format: 'B', values: [0, 200, 255] },
            { name: 'SHORT', format: 'I', values: [-3, 0, 32767] },
            { name: 'INT', format: 'J', unit: 'count', values: [-70000, 1, 2] },
            { name: 'LONG', format: 'K', values: [2n ** 60n, -1n, 5n] },
            { name: 'FLUX', format: 'E', unit: 'Jy', values: [1.5, -2.25, 0] },
            { name: 'TIME', format: 'D', unit: 'd', values: [58000.125, 1e-300, -7] },
            { name: 'NAME', format: '6A', values: ['alpha', 'b', 'gamma!'] },
          ],
          [
            ['TSCAL3', 2],
            ['TZERO3', 10],
            ['TNULL4', 1],
          ],
        ),
      ),
    );
    const info = readTableInfo(hdu);
    expect(info.rows).toBe(3);
    expect(info.columns.map((c) => [c.name, c.format, c.unit, c.offset])).toEqual([
      ['FLAG', 'L', null, 0],
      ['BYTE', 'B', null, 1],
      ['SHORT', 'I', null, 2],
      ['INT', 'J', 'count', 4],
      ['LONG', 'K', null, 8],
      ['FLUX', 'E', 'Jy', 16],
      ['TIME', 'D', 'd', 20],
      ['NAME', '6A', null, 28],
    ]);
    expect(await readColumn(source, hdu, 'flag')).toEqual([true, false, true]);
    expect(await readColumn(source, hdu, 'BYTE')).toEqual([0, 200, 255]);
    expect(await readColumn(source, hdu, 'SHORT')).toEqual([4, 10, 65544]);
    expect(await readColumn(source, hdu, 'INT')).toEqual([-70000, null, 2]);
    expect(await readColumn(source, hdu, 'LONG')).toEqual([2n ** 60n, -1, 5]);
    expect(await readColumn(source, hdu, 6)).toEqual([1.5, -2.25, 0]);
    expect(await readColumn(source, hdu, 'TIME')).toEqual([58000.125, 1e-300, -7]);
    expect(await readColumn(source, hdu, 'NAME')).toEqual(['alpha', 'b', 'gamma!']);
    await expect(readColumn(source, hdu, 'nope')).rejects.toThrow(/no column nope.*HDU 1/);
  });

  it('should read ASCII TABLE columns, including implied decimals and blanks as null', async () => {
    const { source, hdu } = await open(
      concatBytes(
        imageHdu({ bitpix: 8, naxis: [] }),
        asciiTableHdu([
          { name: 'ID', format: 'I5', values: [1, 22, 333] },
          { name: 'MAG', format: 'F8.3', unit: 'mag', values: ['12.500', '12500', ''] },
          { name: 'RATE', format: 'E12.4', values: ['1.5E+02', '-2.0D-01', '0.0'] },
          { name: 'STAR', format: 'A8', values: ['Vega', 'Sirius', 'Deneb'] },
        ]),
      ),
    );
    const info = readTableInfo(hdu);
    expect(info.kind).toBe('table');
    expect(info.columns.map((c) => c.offset)).toEqual([0, 6, 15, 28]);
    expect(await readColumn(source, hdu, 'ID')).toEqual([1, 22, 333]);
    expect(await readColumn(source, hdu, 'MAG')).toEqual([12.5, 12.5, null]);
    expect(await readColumn(source, hdu, 'RATE')).toEqual([150, -0.2, 0]);
    expect(await readColumn(source, hdu, 'STAR')).toEqual(['Vega', 'Sirius', 'Deneb']);
  });

  it('should refuse vector columns and row sizes that do not match NAXIS1', async () => {
    const { source, hdu } = await open(
      concatBytes(
        imageHdu({ bitpix: 8, naxis: [] }),
        binTableHdu([{ name: 'V', format: '3E', values: [0] }]),
      ),
    );
    await expect(readColumn(source, hdu, 'V')).rejects.toThrow(/not scalar/);
    const bad = binTableHdu([{ name: 'A', format: 'J', values: [1] }]);
    const text = new TextDecoder()
      .decode(bad.subarray(0, 2880))
      .replace("TFORM1  = 'J", "TFORM1  = 'D");
    const patched = concatBytes(new TextEncoder().encode(text), bad.subarray(2880));
    const t = await open(concatBytes(imageHdu({ bitpix: 8, naxis: [] }), patched));
    expect(() => readTableInfo(t.hdu)).toThrow(/columns add up to 8 bytes per row but NAXIS1 = 4/);
  });
});
