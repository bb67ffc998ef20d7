import type { Scaling } from './scaling.js';

let scratch = new ArrayBuffer(0);

function scratchBytes(n: number): ArrayBuffer {
  if (scratch.byteLength < n) scratch = new ArrayBuffer(Math.max(n, scratch.byteLength * 2));
  return scratch;
}

/**
 * Decodes big-endian stored values into physical values (scaling applied, BLANK → NaN).
 * `bytes.length` must be a whole number of pixels; writes `bytes.length / |BITPIX/8|` values.
 */
export function decodePixels(
  bytes: Uint8Array,
  bitpix: number,
  scaling: Scaling,
  out: Float64Array,
  outOffset = 0,
): number {
  const size = Math.abs(bitpix) / 8;
  const n = Math.floor(bytes.length / size);
  const { scale, zero, identity } = scaling;
  const hasBlank = scaling.blank !== undefined;
  const b = bytes;
  switch (bitpix) {
    case 8: {
      const blank = hasBlank ? Number(scaling.blank) : -1;
      for (let i = 0; i < n; i++) {
        const v = b[i]!;
        out[outOffset + i] = v === blank ? Number.NaN : identity ? v : v * scale + zero;
      }
      break;
    }
    case 16: {
      const blank = hasBlank ? Number(scaling.blank) : 0x10000;
      for (let i = 0, j = 0; i < n; i++, j += 2) {
        const v = ((b[j]! << 24) >> 16) | b[j + 1]!;
        out[outOffset + i] = v === blank ? Number.NaN : v * scale + zero;
      }
      break;
    }
    case 32: {
      const blank = hasBlank ? Number(scaling.blank) : 2 ** 40;
      for (let i = 0, j = 0; i < n; i++, j += 4) {
        const v = (b[j]! << 24) | (b[j + 1]! << 16) | (b[j + 2]! << 8) | b[j + 3]!;
        out[outOffset + i] = v === blank ? Number.NaN : v * scale + zero;
      }
      break;
    }
    case 64: {
      const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
      const blank = scaling.blank;
      const blankHi = hasBlank ? Number(BigInt.asIntN(32, blank! >> 32n)) : 0;
      const blankLo = hasBlank ? Number(BigInt.asUintN(32, blank!)) : 0;
      for (let i = 0, j = 0; i < n; i++, j += 8) {
        const hi = dv.getInt32(j, false);
        const lo = dv.getUint32(j + 4, false);
        if (hasBlank && hi === blankHi && lo === blankLo) {
          out[outOffset + i] = Number.NaN;
          continue;
        }
        // The unsigned convention (BZERO = 2^63) is applied on the split form: exact to double precision.
        out[outOffset + i] = scaling.unsigned
          ? (hi + 2147483648) * 4294967296 + lo
          : (hi * 4294967296 + lo) * scale + zero;
      }
      break;
    }
    case -32: {
      // Swapping into an aligned scratch buffer and reading it as a Float32Array beats DataView.
      const buf = scratchBytes(n * 4);
      const sw = new Uint8Array(buf, 0, n * 4);
      for (let j = 0; j < n * 4; j += 4) {
        sw[j] = b[j + 3]!;
        sw[j + 1] = b[j + 2]!;
        sw[j + 2] = b[j + 1]!;
        sw[j + 3] = b[j]!;
      }
      const f = new Float32Array(buf, 0, n);
      if (identity) for (let i = 0; i < n; i++) out[outOffset + i] = f[i]!;
      else for (let i = 0; i < n; i++) out[outOffset + i] = f[i]! * scale + zero;
      break;
    }
    case -64: {
      const buf = scratchBytes(n * 8);
      const sw = new Uint8Array(buf, 0, n * 8);
      for (let j = 0; j < n * 8; j += 8) {
        for (let k = 0; k < 8; k++) sw[j + k] = b[j + 7 - k]!;
      }
      const f = new Float64Array(buf, 0, n);
      if (identity) out.set(f, outOffset);
      else for (let i = 0; i < n; i++) out[outOffset + i] = f[i]! * scale + zero;
      break;
    }
    default:
      throw new RangeError(`unsupported BITPIX ${bitpix}`);
  }
  return n;
}
