import { computeArrayStats } from './array-stats.js';
import type { ByteSource } from './byte-source.js';
import type { Hdu } from './hdu-walker.js';
import { createPixelPass, type PassOptions } from './image-reader.js';
import { scalingOf } from './scaling.js';
import { computeStats, type PixelStats, type StatsOptions } from './stats.js';

/**
 * Statistics of an image HDU (or one plane): decoded once and computed by selection when small,
 * streamed in chunks with a fixed number of passes and bounded memory when large.
 */
export async function imageStats(
  source: ByteSource,
  hdu: Hdu,
  options: PassOptions & StatsOptions = {},
): Promise<PixelStats & { streamed: boolean }> {
  const p = await createPixelPass(source, hdu, options);
  if (p.data) {
    const { scale, zero } = scalingOf(hdu);
    const integerValued = hdu.bitpix > 0 && Number.isInteger(scale) && Number.isInteger(zero);
    return { ...computeArrayStats(p.data, { ...options, integerValued }), streamed: false };
  }
  return { ...(await computeStats(p.pass, options)), streamed: true };
}
