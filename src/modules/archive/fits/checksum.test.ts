import { describe, expect, it } from 'vitest';
import { bufferSource } from './byte-source.js';
import { checksumAdd, checksumUpdate, encodeChecksum, verifyHdu } from './checksum.js';
import { readFitsStructure } from './hdu-walker.js';
import { binTableHdu, concatBytes, imageHdu } from './testing/fits-writer.js';

async function verifyAll(bytes: Uint8Array) {
  const source = bufferSource(bytes);
  const file = await readFitsStructure(source);
  return Promise.all(file.hdus.map((h) => verifyHdu(source, h)));
}

describe('FITS checksums', () => {
  it('should add 32-bit words with end-around carry', () => {
    expect(checksumUpdate(0, new Uint8Array([0, 0, 0, 1, 0, 0, 0, 2]))).toBe(3);
    expect(checksumUpdate(0, new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 1]))).toBe(1);
    expect(checksumUpdate(0, new Uint8Array([0x80, 0, 0, 0, 0x80, 0, 0, 0]))).toBe(1);
    expect(checksumAdd(0xfffffffe, 2)).toBe(1);
    // Chunking does not change the sum.
    const bytes = new Uint8Array(2880 * 50).map((_, i) => (i * 131) % 256);
    const whole = checksumUpdate(0, bytes);
    expect(
      checksumUpdate(checksumUpdate(0, bytes.subarray(0, 2880 * 7)), bytes.subarray(2880 * 7)),
    ).toBe(whole);
  });

  it('should encode like the FITS checksum convention (known value from the standard)', () => {
    // Appendix J example: checksum 868229149 → complement 3426738146 → "hcHjjc9ghcEghc9g".
    expect(encodeChecksum(~868229149 >>> 0)).toBe('hcHjjc9ghcEghc9g');
    expect(encodeChecksum(0)).toBe('0000000000000000');
  });

  it('should accept CHECKSUM/DATASUM written by the test writer for images and tables', async () => {
    const bytes = concatBytes(
      imageHdu({
        bitpix: -32,
        naxis: [30, 20],
        values: Array.from({ length: 600 }, (_, i) => i / 7),
        checksum: true,
      }),
      binTableHdu([{ name: 'X', format: 'D', values: [1, 2, 3] }], [], true),
    );
    const reports = await verifyAll(bytes);
    expect(reports.map((r) => [r.checksumOk, r.datasumOk])).toEqual([
      [true, true],
      [true, true],
    ]);
    expect(reports[0]!.hduSum).toBe(0xffffffff);
  });

  it('should fail DATASUM and CHECKSUM when a data byte changes, and only CHECKSUM for a header byte', async () => {
    const good = imageHdu({
      bitpix: 16,
      naxis: [10],
      values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      checksum: true,
    });
    const dataHit = good.slice();
    dataHit[2880 + 3] ^= 0x10;
    let [r] = await verifyAll(dataHit);
    expect(r).toMatchObject({ checksumOk: false, datasumOk: false });
    const headerHit = good.slice();
    headerHit[2879] = 0x58; // a blank after END becomes 'X': header bytes change, data does not
    [r] = await verifyAll(headerHit);
    expect(r!.checksumOk).toBe(false);
    expect(r!.datasumOk).toBe(true);
  });

  it('should report absent keywords as null, not as a failure', async () => {
    const [r] = await verifyAll(imageHdu({ bitpix: 8, naxis: [3], values: [1, 2, 3] }));
    expect(r).toMatchObject({ checksumOk: null, datasumOk: null, expectedDatasum: null });
  });
});
