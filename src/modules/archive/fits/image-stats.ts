import { computeArrayStats } from './array-stats.js';
import type { ByteSource } from './byte-source.js';
import type { Hdu } from './hdu-walker.js';
import { createPixelPass, type PassOptions } from './image-reader.js';
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
  if (p.data) return { ...computeArrayStats(p.data, options), streamed: false };
  return { ...(await computeStats(p.pass, options)), streamed: true };
}
