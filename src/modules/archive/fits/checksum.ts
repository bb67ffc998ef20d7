import type { ByteSource } from './byte-source.js';
import type { Hdu } from './hdu-walker.js';

const FOLD_EVERY = 16384 * 4;

function fold(hi: number, lo: number): [number, number] {
  let hc = hi >>> 16;
  let lc = lo >>> 16;
  while (hc !== 0 || lc !== 0) {
    // Ones' complement: the carry out of each half wraps into the other half.
    hi = (hi & 0xffff) + lc;
    lo = (lo & 0xffff) + hc;
    hc = hi >>> 16;
    lc = lo >>> 16;
  }
  return [hi, lo];
}

/** Adds big-endian 32-bit words of `bytes` (a multiple of 4 long) to a ones'-complement sum. */
export function checksumUpdate(sum: number, bytes: Uint8Array): number {
  let hi = sum >>> 16;
  let lo = sum & 0xffff;
  const n = bytes.length - (bytes.length % 4);
  for (let start = 0; start < n; start += FOLD_EVERY) {
    const end = Math.min(n, start + FOLD_EVERY);
    for (let i = start; i < end; i += 4) {
      hi += (bytes[i]! << 8) | bytes[i + 1]!;
      lo += (bytes[i + 2]! << 8) | bytes[i + 3]!;
    }
    [hi, lo] = fold(hi, lo);
  }
  return ((hi << 16) | lo) >>> 0;
}

/** Ones'-complement sum of two sums. */
export function checksumAdd(a: number, b: number): number {
  const [hi, lo] = fold((a >>> 16) + (b >>> 16), (a & 0xffff) + (b & 0xffff));
  return ((hi << 16) | lo) >>> 0;
}

const EXCLUDE = [0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f, 0x40, 0x5b, 0x5c, 0x5d, 0x5e, 0x5f, 0x60];

/** The 16-character ASCII form of a 32-bit value used by the CHECKSUM keyword (FITS checksum convention). */
export function encodeChecksum(value: number): string {
  const asc = new Array<number>(16);
  for (let i = 0; i < 4; i++) {
    const byte = (value >>> (24 - 8 * i)) & 0xff;
    const quotient = (byte >> 2) + 0x30;
    const ch = [quotient + (byte & 3), quotient, quotient, quotient];
    for (let again = true; again; ) {
      again = false;
      for (const ex of EXCLUDE) {
        for (let j = 0; j < 4; j += 2) {
          if (ch[j] === ex || ch[j + 1] === ex) {
            ch[j]!++;
            ch[j + 1]!--;
            again = true;
          }
        }
      }
    }
    for (let j = 0; j < 4; j++) asc[4 * j + i] = ch[j]!;
  }
  let out = '';
  for (let i = 0; i < 16; i++) out += String.fromCharCode(asc[(i + 15) % 16]!);
  return out;
}

export interface ChecksumReport {
  hdu: number;
  /** CHECKSUM present and the whole HDU sums to −0; null when the header has no CHECKSUM. */
  checksumOk: boolean | null;
  /** DATASUM present and equal to the data's sum; null when the header has no DATASUM. */
  datasumOk: boolean | null;
  /** The data's ones'-complement sum (what DATASUM should say). */
  dataSum: number;
  expectedDatasum: string | null;
  /** Sum over header + data; 0xFFFFFFFF when CHECKSUM is right. */
  hduSum: number;
}

const CHUNK = 2880 * 1456;

/** Sum of an HDU's data including its padding (missing padding counts as zeros). */
export async function dataChecksum(source: ByteSource, hdu: Hdu): Promise<number> {
  let sum = 0;
  for (let done = 0; done < hdu.paddedDataSize; done += CHUNK) {
    const want = Math.min(CHUNK, hdu.paddedDataSize - done);
    let bytes = await source.read(hdu.dataOffset + done, want);
    if (bytes.length < want) {
      const padded = new Uint8Array(want);
      padded.set(bytes);
      bytes = padded;
    }
    sum = checksumUpdate(sum, bytes);
  }
  return sum;
}

/** Checks an HDU's CHECKSUM and DATASUM keywords against its bytes. */
export async function verifyHdu(source: ByteSource, hdu: Hdu): Promise<ChecksumReport> {
  const headerBytes = await source.read(hdu.headerOffset, hdu.headerSize);
  const dataSum = await dataChecksum(source, hdu);
  const hduSum = checksumAdd(checksumUpdate(0, headerBytes), dataSum);
  const datasumValue = hdu.header.get('DATASUM');
  const expected =
    datasumValue === undefined || datasumValue === null ? null : String(datasumValue).trim();
  return {
    hdu: hdu.index,
    checksumOk: hdu.header.has('CHECKSUM') ? hduSum === 0xffffffff : null,
    datasumOk: expected === null ? null : expected === String(dataSum),
    dataSum,
    expectedDatasum: expected,
    hduSum,
  };
}
