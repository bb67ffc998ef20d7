import type { PixelPass } from './image-reader.js';
import {
  BlockAverager,
  encodePreview,
  type PreviewOptions,
  type PreviewResult,
  previewFactor,
} from './preview.js';
import { zscale } from './zscale.js';

const ZSCALE_SAMPLES = 1000;

/**
 * A preview of a plane too large to hold as doubles, in two streamed passes: first the finite
 * count and range, then zscale's samples (every stride-th finite value, as astropy picks them)
 * and the block averages. Memory is the size of the PNG, not of the plane.
 */
export async function renderStreamedPreview(
  pass: PixelPass,
  width: number,
  height: number,
  options: PreviewOptions = {},
): Promise<PreviewResult> {
  const stretch = options.stretch ?? 'zscale';
  const factor = previewFactor(width, height, options.size);
  const range = { finite: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY };
  await pass((chunk) => {
    let { finite, min, max } = range;
    for (let i = 0; i < chunk.length; i++) {
      const v = chunk[i]!;
      if (!(v >= -Number.MAX_VALUE && v <= Number.MAX_VALUE)) continue;
      finite++;
      min = v < min ? v : min;
      max = v > max ? v : max;
    }
    range.finite = finite;
    range.min = min;
    range.max = max;
  });
  const stride = Math.max(1, Math.floor(range.finite / ZSCALE_SAMPLES));
  const samples: number[] = [];
  let seen = 0;
  let start = 0;
  const averager = new BlockAverager(width, height, factor);
  await pass((chunk) => {
    averager.add(chunk, start);
    start += chunk.length;
    if (stretch !== 'zscale') return;
    for (let i = 0; i < chunk.length && samples.length < ZSCALE_SAMPLES; i++) {
      const v = chunk[i]!;
      if (!(v >= -Number.MAX_VALUE && v <= Number.MAX_VALUE)) continue;
      if (seen % stride === 0) samples.push(v);
      seen++;
    }
  });
  let vmin = range.min;
  let vmax = range.max;
  if (range.finite === 0) [vmin, vmax] = [0, 1];
  else if (stretch === 'zscale') [vmin, vmax] = zscale(samples);
  return encodePreview(averager.result(), vmin, vmax, stretch, factor);
}
