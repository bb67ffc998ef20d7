import type { FitsWarning } from './errors.js';
import { makeWarning } from './errors.js';
import type { Hdu } from './hdu-walker.js';

/** How stored values become physical ones: physical = stored × scale + zero; `blank` marks missing. */
export interface Scaling {
  scale: number;
  zero: number;
  /** The stored integer that means "no value" (integer BITPIX only). */
  blank?: bigint;
  /** True when scale is 1 and zero 0: values are used as stored. */
  identity: boolean;
  /** BZERO is the unsigned-integer offset for this BITPIX (2^7 for 8-bit signed, 2^15, 2^31, 2^63). */
  unsigned: boolean;
}

const UNSIGNED_ZERO: Record<number, number> = { 16: 32768, 32: 2147483648, 64: 2 ** 63 };

export function scalingOf(hdu: Hdu, warnings?: FitsWarning[]): Scaling {
  const h = hdu.header;
  const scale = h.number('BSCALE') ?? 1;
  let zero = h.number('BZERO') ?? 0;
  const zeroValue = h.get('BZERO');
  // 2^63 does not fit a double-exact integer card in every writer; the bigint form is exact.
  if (typeof zeroValue === 'bigint') zero = Number(zeroValue);
  const blankValue = h.get('BLANK');
  let blank: bigint | undefined;
  if (hdu.bitpix > 0 && (typeof blankValue === 'number' || typeof blankValue === 'bigint')) {
    blank = BigInt(blankValue);
  } else if (blankValue !== undefined && hdu.bitpix < 0 && warnings) {
    warnings.push(
      makeWarning(
        'BLANK_ON_FLOAT',
        'BLANK is ignored for floating-point data (NaN marks missing)',
        {
          hdu: hdu.index,
          keyword: 'BLANK',
        },
      ),
    );
  }
  if (scale === 0 && warnings) {
    warnings.push(
      makeWarning('BSCALE_ZERO', 'BSCALE is 0: every value scales to BZERO', {
        hdu: hdu.index,
        keyword: 'BSCALE',
      }),
    );
  }
  const unsigned = scale === 1 && UNSIGNED_ZERO[hdu.bitpix] === zero;
  return {
    scale,
    zero,
    ...(blank !== undefined ? { blank } : {}),
    identity: scale === 1 && zero === 0,
    unsigned,
  };
}
