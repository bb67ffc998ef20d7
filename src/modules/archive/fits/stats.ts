import type { PixelPass } from './image-reader.js';
import { quickselect } from './select.js';

/** Statistics over finite physical values; NaN, ±Inf and BLANK count as missing. */
export interface PixelStats {
  count: number;
  nanCount: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  median: number | null;
  /** Population standard deviation (ddof = 0, as numpy's default). */
  std: number | null;
  rms: number | null;
  /** Mean and deviation after iterative sigma clipping around the median. */
  robustMean: number | null;
  robustStd: number | null;
  clippedCount: number;
}

export interface StatsOptions {
  /** Clip at this many deviations from the median (default 3). */
  sigma?: number;
  /** Clipping iterations at most (default 5). */
  maxIterations?: number;
  /** Largest histogram bin that is selected within directly (default 2^20); bigger bins are re-histogrammed. */
  collectLimit?: number;
}

const BINS = 65536;
/** A histogram bin with at most this many values is collected and selected exactly. */
const COLLECT_LIMIT = 1 << 20;
const ALL: [number, number] = [-Number.MAX_VALUE, Number.MAX_VALUE];

interface Scan {
  count: number;
  missing: number;
  min: number;
  max: number;
  /** Sums of (x − shift) and (x − shift)². */
  s1: number;
  s2: number;
  hist?: Float64Array;
}

/** One pass: moments of the finite values in [lo, hi], and optionally their histogram over [lo, hi]. */
async function scan(
  pass: PixelPass,
  lo: number,
  hi: number,
  shift: number,
  histogram: boolean,
): Promise<Scan> {
  let count = 0;
  let missing = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let s1 = 0;
  let s2 = 0;
  const hist = histogram && hi > lo ? new Float64Array(BINS) : undefined;
  const inv = hist ? BINS / (hi - lo) : 0;
  await pass((chunk) => {
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const x = chunk[i]!;
      if (!(x >= lo && x <= hi)) {
        if (!Number.isFinite(x)) missing++;
        continue;
      }
      count++;
      if (x < min) min = x;
      if (x > max) max = x;
      const d = x - shift;
      s1 += d;
      s2 += d * d;
      if (hist) {
        let b = Math.floor((x - lo) * inv);
        if (b >= BINS) b = BINS - 1;
        hist[b]!++;
      }
    }
  });
  return { count, missing, min, max, s1, s2, ...(hist ? { hist } : {}) };
}

/**
 * The k-th smallest finite value in [lo, hi] (0-based), given that range's histogram.
 * Narrows to the bin that holds rank k and selects exactly within it; bins that are
 * still too big are re-histogrammed over their own min..max (bins are contiguous ranges).
 */
async function selectRank(
  pass: PixelPass,
  lo: number,
  hi: number,
  hist: Float64Array | undefined,
  k: number,
  collectLimit: number,
): Promise<number> {
  for (;;) {
    if (!hist || hi === lo) return lo;
    const inv = BINS / (hi - lo);
    let b = 0;
    let below = 0;
    while (below + hist[b]! <= k) below += hist[b++]!;
    const inBin = hist[b]!;
    const rank = k - below;
    if (inBin <= collectLimit) {
      const values = new Float64Array(inBin);
      let n = 0;
      await pass((chunk) => {
        for (let i = 0; i < chunk.length; i++) {
          const x = chunk[i]!;
          if (!(x >= lo && x <= hi)) continue;
          let bi = Math.floor((x - lo) * inv);
          if (bi >= BINS) bi = BINS - 1;
          if (bi === b) values[n++] = x;
        }
      });
      return quickselect(values, rank, n);
    }
    // Too many values in one bin: find its exact range, then histogram that range.
    let bmin = Number.POSITIVE_INFINITY;
    let bmax = Number.NEGATIVE_INFINITY;
    await pass((chunk) => {
      for (let i = 0; i < chunk.length; i++) {
        const x = chunk[i]!;
        if (!(x >= lo && x <= hi)) continue;
        let bi = Math.floor((x - lo) * inv);
        if (bi >= BINS) bi = BINS - 1;
        if (bi === b) {
          if (x < bmin) bmin = x;
          if (x > bmax) bmax = x;
        }
      }
    });
    if (bmin === bmax) return bmin;
    const sub = await scan(pass, bmin, bmax, 0, true);
    lo = bmin;
    hi = bmax;
    hist = sub.hist;
    k = rank;
  }
}

/** Median as numpy computes it: the mean of the two middle values when the count is even. */
async function medianOf(
  pass: PixelPass,
  lo: number,
  hi: number,
  hist: Float64Array | undefined,
  count: number,
  collectLimit: number,
): Promise<number> {
  const upper = await selectRank(pass, lo, hi, hist, count >> 1, collectLimit);
  if (count % 2 === 1) return upper;
  const lower = await selectRank(pass, lo, hi, hist, (count >> 1) - 1, collectLimit);
  return (lower + upper) / 2;
}

/**
 * Statistics in a fixed number of passes over the values (never a sort of a copy): moments,
 * then variance + histogram, then exact median by selection within one histogram bin, then
 * sigma clipping. Works the same on an in-memory array and on a file streamed chunk by chunk.
 */
export async function computeStats(
  pass: PixelPass,
  options: StatsOptions = {},
): Promise<PixelStats> {
  const sigma = options.sigma ?? 3;
  const maxIterations = options.maxIterations ?? 5;
  const limit = options.collectLimit ?? COLLECT_LIMIT;
  // Finite bounds, so that ±Infinity falls outside and is counted as missing.
  const first = await scan(pass, ALL[0], ALL[1], 0, false);
  const n = first.count;
  if (n === 0) {
    return {
      count: 0,
      nanCount: first.missing,
      min: null,
      max: null,
      mean: null,
      median: null,
      std: null,
      rms: null,
      robustMean: null,
      robustStd: null,
      clippedCount: 0,
    };
  }
  const roughMean = first.s1 / n;
  // Second pass: exact two-pass variance about the mean, and the histogram for the median.
  const second = await scan(pass, first.min, first.max, roughMean, true);
  const mean = roughMean + second.s1 / n;
  const variance = Math.max(0, second.s2 / n - (second.s1 / n) ** 2);
  const std = Math.sqrt(variance);
  const median = await medianOf(pass, first.min, first.max, second.hist, n, limit);
  const rms = Math.sqrt(variance + mean * mean);

  let center = median;
  let dev = std;
  let kept = n;
  let keptMean = mean;
  for (let it = 0; it < maxIterations && dev > 0; it++) {
    const lo = Math.max(first.min, center - sigma * dev);
    const hi = Math.min(first.max, center + sigma * dev);
    const s = await scan(pass, lo, hi, center, true);
    if (s.count === 0) break;
    const m = s.s1 / s.count;
    keptMean = center + m;
    dev = Math.sqrt(Math.max(0, s.s2 / s.count - m * m));
    const changed = s.count !== kept;
    kept = s.count;
    if (!changed) break;
    center = await medianOf(pass, lo, hi, s.hist, s.count, limit);
  }
  return {
    count: n,
    nanCount: first.missing,
    min: first.min,
    max: first.max,
    mean,
    median,
    std,
    rms,
    robustMean: keptMean,
    robustStd: dev,
    clippedCount: n - kept,
  };
}
