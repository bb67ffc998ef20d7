import { quickselect } from './select.js';
import type { PixelStats, StatsOptions } from './stats.js';

/** Median of a[0..n) by selection (rearranges a); numpy's convention for even counts. */
function medianInPlace(a: Float64Array, n: number): number {
  const k = n >> 1;
  const upper = quickselect(a, k, n);
  if (n % 2 === 1) return upper;
  // After selection every value before k is ≤ a[k]: the lower middle is their maximum.
  let lower = a[0]!;
  for (let i = 1; i < k; i++) lower = a[i]! > lower ? a[i]! : lower;
  return (lower + upper) / 2;
}

/** Integer data spanning fewer values than this is counted per value instead of selected. */
const COUNTING_RANGE = 1 << 20;

/** The value of rank k (0-based) among counts[from..to] (value = index + offset). */
function rankValue(
  counts: Float64Array,
  from: number,
  to: number,
  k: number,
  offset: number,
): number {
  let below = 0;
  for (let v = from; v <= to; v++) {
    below += counts[v]!;
    if (below > k) return v + offset;
  }
  return to + offset;
}

function countedMedian(
  counts: Float64Array,
  from: number,
  to: number,
  m: number,
  offset: number,
): number {
  const upper = rankValue(counts, from, to, m >> 1, offset);
  return m % 2 === 1 ? upper : (rankValue(counts, from, to, (m >> 1) - 1, offset) + upper) / 2;
}

/**
 * Integer-valued images (BITPIX > 0 with integer scaling): one count per distinct value, then
 * the median and every clipping iteration work on the counts, whose length is the value range,
 * not the pixel count. The results are those of the general path.
 */
function countingStats(
  buf: Float64Array,
  n: number,
  nanCount: number,
  min: number,
  max: number,
  mean: number,
  sigma: number,
  maxIterations: number,
): PixelStats {
  const range = max - min + 1;
  const counts = new Float64Array(range);
  for (let i = 0; i < n; i++) counts[buf[i]! - min]!++;
  const window = (from: number, to: number, shift: number): [number, number, number] => {
    let m = 0;
    let s1 = 0;
    let s2 = 0;
    for (let v = from; v <= to; v++) {
      const c = counts[v]!;
      if (c === 0) continue;
      const d = v + min - shift;
      m += c;
      s1 += c * d;
      s2 += c * d * d;
    }
    return [m, s1, s2];
  };
  const [, d1, d2] = window(0, range - 1, mean);
  const variance = Math.max(0, d2 / n - (d1 / n) ** 2);
  const std = Math.sqrt(variance);
  const median = countedMedian(counts, 0, range - 1, n, min);
  let center = median;
  let dev = std;
  let kept = n;
  let keptMean = mean;
  let lo = min;
  let hi = max;
  for (let it = 0; it < maxIterations && dev > 0; it++) {
    lo = Math.max(lo, center - sigma * dev);
    hi = Math.min(hi, center + sigma * dev);
    const from = Math.max(0, Math.ceil(lo) - min);
    const to = Math.min(range - 1, Math.floor(hi) - min);
    const [m, s1, s2] = window(from, to, center);
    if (m === 0) break;
    const mu = s1 / m;
    keptMean = center + mu;
    dev = Math.sqrt(Math.max(0, s2 / m - mu * mu));
    const changed = m !== kept;
    kept = m;
    if (!changed || it === maxIterations - 1) break;
    center = countedMedian(counts, from, to, m, min);
  }
  return {
    count: n,
    nanCount,
    min,
    max,
    mean,
    median,
    std,
    rms: Math.sqrt(variance + mean * mean),
    robustMean: keptMean,
    robustStd: dev,
    clippedCount: n - kept,
  };
}

/**
 * The same statistics as computeStats for values already in memory: one copy of the finite
 * values, then selection and in-place clipping instead of repeated passes and histograms.
 */
export function computeArrayStats(
  values: Float64Array,
  options: StatsOptions & {
    /** Every finite value is an integer (integer BITPIX with integer BSCALE/BZERO). */
    integerValued?: boolean;
  } = {},
): PixelStats {
  const sigma = options.sigma ?? 3;
  const maxIterations = options.maxIterations ?? 5;
  const buf = new Float64Array(values.length);
  let n = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  let comp = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (!(x >= -Number.MAX_VALUE && x <= Number.MAX_VALUE)) continue;
    buf[n++] = x;
    // Neumaier-compensated sum: the mean stays exact to the last bit, as numpy's pairwise sum.
    const t = sum + x;
    comp += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
    min = x < min ? x : min;
    max = x > max ? x : max;
  }
  const nanCount = values.length - n;
  if (n === 0) {
    return {
      count: 0,
      nanCount,
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
  const mean = (sum + comp) / n;
  if (options.integerValued && max - min < COUNTING_RANGE) {
    return countingStats(buf, n, nanCount, min, max, mean, sigma, maxIterations);
  }
  const [d1, d2] = moments(buf, n, mean);
  const variance = Math.max(0, d2 / n - (d1 / n) ** 2);
  const std = Math.sqrt(variance);
  const median = medianInPlace(buf, n);

  let center = median;
  let dev = std;
  let kept = n;
  let keptMean = mean;
  let lo = min;
  let hi = max;
  for (let it = 0; it < maxIterations && dev > 0; it++) {
    lo = Math.max(lo, center - sigma * dev);
    hi = Math.min(hi, center + sigma * dev);
    // Compaction and moments in one loop, written without branches (always store, advance on keep).
    let m = 0;
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < kept; i++) {
      const x = buf[i]!;
      const keep = x >= lo && x <= hi ? 1 : 0;
      buf[m] = x;
      m += keep;
      const d = keep * (x - center);
      s1 += d;
      s2 += d * d;
    }
    if (m === 0) break;
    const mu = s1 / m;
    keptMean = center + mu;
    dev = Math.sqrt(Math.max(0, s2 / m - mu * mu));
    const changed = m !== kept;
    kept = m;
    // The last iteration's median would only centre an iteration that never comes.
    if (!changed || it === maxIterations - 1) break;
    center = medianInPlace(buf, m);
  }
  return {
    count: n,
    nanCount,
    min,
    max,
    mean,
    median,
    std,
    rms: Math.sqrt(variance + mean * mean),
    robustMean: keptMean,
    robustStd: dev,
    clippedCount: n - kept,
  };
}

function moments(a: Float64Array, n: number, shift: number): [number, number] {
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const d = a[i]! - shift;
    s1 += d;
    s2 += d * d;
  }
  return [s1, s2];
}
