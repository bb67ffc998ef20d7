import { zscale } from './zscale.js';

export type StretchName = 'zscale' | 'asinh' | 'linear' | 'log';
export const STRETCHES: readonly StretchName[] = ['zscale', 'asinh', 'linear', 'log'];

/** Display range: zscale for 'zscale', the finite min..max otherwise. */
export function displayInterval(values: ArrayLike<number>, stretch: StretchName): [number, number] {
  if (stretch === 'zscale') return zscale(values);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

const LOG_A = 1000;
const ASINH_A = 0.1;

/** Maps a value in [0, 1] (already normalised and clipped) through the stretch; astropy's defaults. */
export function stretchFunction(stretch: StretchName): (x: number) => number {
  switch (stretch) {
    case 'log': {
      const norm = Math.log(LOG_A + 1);
      return (x) => Math.log(LOG_A * x + 1) / norm;
    }
    case 'asinh': {
      const norm = Math.asinh(1 / ASINH_A);
      return (x) => Math.asinh(x / ASINH_A) / norm;
    }
    default:
      return (x) => x;
  }
}
