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

const MAX_BINS = 65536;
const MIN_BINS = 1024;

/** About 16 values per bin for small sets, at most 65536 bins: the histogram stays in cache. */
function binsFor(count: number): number {
  let bins = MIN_BINS;
  while (bins < MAX_BINS && bins * 16 < count) bins *= 2;
  return bins;
}
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
  /** Compensation for the rounding of s1 (add it for the total). */
  c1: number;
  s2: number;
  hist?: Uint32Array;
}

/**
 * Bin of x in [lo, hi] split into `bins` equal bins, monotonic in x. The fast form multiplies by
 * bins/(hi−lo); ranges so tiny (denormals) or so wide (beyond ±1e308) that this overflows use
 * the slow form, which divides by the span (halved when the span itself overflows).
 */
function slowBin(x: number, lo: number, hi: number, bins: number): number {
  const span = hi - lo;
  const frac = Number.isFinite(span) ? (x - lo) / span : (x / 2 - lo / 2) / (hi / 2 - lo / 2);
  const b = Math.floor(frac * bins);
  return b >= bins ? bins - 1 : b;
}

function fastBinning(lo: number, hi: number, bins: number): number {
  const inv = bins / (hi - lo);
  return Number.isFinite(inv) && Number.isFinite(hi - lo) ? inv : 0;
}

/** One pass: moments of the finite values in [lo, hi], and optionally their histogram over [lo, hi]. */
async function scan(
  pass: PixelPass,
  lo: number,
  hi: number,
  shift: number,
  bins: number,
): Promise<Scan> {
  const hist = bins > 0 && hi > lo ? new Uint32Array(bins) : undefined;
  const acc: Scan = {
    count: 0,
    missing: 0,
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
    s1: 0,
    c1: 0,
    s2: 0,
    ...(hist ? { hist } : {}),
  };
  await pass((chunk) => scanChunk(chunk, lo, hi, shift, acc));
  return acc;
}

// The loops live in their own functions with plain locals: variables captured by a closure live
// in a heap context, which made every access in the hot loop a memory round trip (about 10x
// slower). Conditional expressions (`min = x < min ? x : min`) compile to branch-free selects.
// The sum of (x − shift) is Kahan-compensated (s1 + c1): means agree with numpy's pairwise sum
// to the last bit.
function scanChunk(chunk: Float64Array, lo: number, hi: number, shift: number, acc: Scan): void {
  if (acc.hist) {
    scanChunkHist(chunk, lo, hi, shift, acc, acc.hist);
    return;
  }
  let count = acc.count;
  let missing = acc.missing;
  let min = acc.min;
  let max = acc.max;
  let s1 = acc.s1;
  let c1 = acc.c1;
  let s2 = acc.s2;
  const n = chunk.length;
  for (let i = 0; i < n; i++) {
    const x = chunk[i]!;
    if (!(x >= lo && x <= hi)) {
      if (!Number.isFinite(x)) missing++;
      continue;
    }
    count++;
    min = x < min ? x : min;
    max = x > max ? x : max;
    const d = x - shift;
    const y = d + c1;
    const t = s1 + y;
    c1 = y - (t - s1);
    s1 = t;
    s2 += d * d;
  }
  acc.count = count;
  acc.missing = missing;
  acc.min = min;
  acc.max = max;
  acc.s1 = s1;
  acc.c1 = c1;
  acc.s2 = s2;
}

function scanChunkHist(
  chunk: Float64Array,
  lo: number,
  hi: number,
  shift: number,
  acc: Scan,
  hist: Uint32Array,
): void {
  let count = acc.count;
  let missing = acc.missing;
  let min = acc.min;
  let max = acc.max;
  let s1 = acc.s1;
  let c1 = acc.c1;
  let s2 = acc.s2;
  const bins = hist.length;
  const inv = fastBinning(lo, hi, bins);
  const n = chunk.length;
  for (let i = 0; i < n; i++) {
    const x = chunk[i]!;
    if (!(x >= lo && x <= hi)) {
      if (!Number.isFinite(x)) missing++;
      continue;
    }
    count++;
    min = x < min ? x : min;
    max = x > max ? x : max;
    const d = x - shift;
    const y = d + c1;
    const t = s1 + y;
    c1 = y - (t - s1);
    s1 = t;
    s2 += d * d;
    let b = inv > 0 ? Math.floor((x - lo) * inv) : slowBin(x, lo, hi, bins);
    b = b >= bins ? bins - 1 : b;
    hist[b]!++;
  }
  acc.count = count;
  acc.missing = missing;
  acc.min = min;
  acc.max = max;
  acc.s1 = s1;
  acc.c1 = c1;
  acc.s2 = s2;
}

/** Values of `chunk` in [lo, hi] whose histogram bin is `bin`: appended to `into`, or min/max tracked. */
function binChunk(
  chunk: Float64Array,
  lo: number,
  hi: number,
  inv: number,
  bins: number,
  bin: number,
  into: { values: Float64Array | null; n: number; min: number; max: number },
): void {
  const values = into.values;
  let n = into.n;
  let min = into.min;
  let max = into.max;
  for (let i = 0; i < chunk.length; i++) {
    const x = chunk[i]!;
    if (!(x >= lo && x <= hi)) continue;
    let b = inv > 0 ? Math.floor((x - lo) * inv) : slowBin(x, lo, hi, bins);
    if (b >= bins) b = bins - 1;
    if (b !== bin) continue;
    if (values) values[n++] = x;
    else {
      min = x < min ? x : min;
      max = x > max ? x : max;
    }
  }
  into.n = n;
  into.min = min;
  into.max = max;
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
  hist: Uint32Array | undefined,
  k: number,
  collectLimit: number,
): Promise<number> {
  for (;;) {
    if (!hist || hi === lo) return lo;
    const bins = hist.length;
    const inv = fastBinning(lo, hi, bins);
    let b = 0;
    let below = 0;
    while (below + hist[b]! <= k) below += hist[b++]!;
    const inBin = hist[b]!;
    const rank = k - below;
    const into = {
      values: inBin <= collectLimit ? new Float64Array(inBin) : null,
      n: 0,
      min: Number.POSITIVE_INFINITY,
      max: Number.NEGATIVE_INFINITY,
    };
    const [l, h] = [lo, hi];
    await pass((chunk) => binChunk(chunk, l, h, inv, bins, b, into));
    if (into.values) return quickselect(into.values, rank, into.n);
    // Too many values in one bin: histogram that bin's own exact range next.
    const bmin = into.min;
    const bmax = into.max;
    if (bmin === bmax) return bmin;
    const sub = await scan(pass, bmin, bmax, 0, binsFor(inBin));
    lo = bmin;
    hi = bmax;
    hist = sub.hist;
    k = rank;
  }
}

/** Largest value in bin `low` and smallest in bin `high` (both within [lo, hi]). */
function edgesChunk(
  chunk: Float64Array,
  lo: number,
  hi: number,
  inv: number,
  bins: number,
  low: number,
  high: number,
  acc: { lowMax: number; highMin: number },
): void {
  let lowMax = acc.lowMax;
  let highMin = acc.highMin;
  for (let i = 0; i < chunk.length; i++) {
    const x = chunk[i]!;
    if (!(x >= lo && x <= hi)) continue;
    let b = inv > 0 ? Math.floor((x - lo) * inv) : slowBin(x, lo, hi, bins);
    if (b >= bins) b = bins - 1;
    if (b === low) lowMax = x > lowMax ? x : lowMax;
    else if (b === high) highMin = x < highMin ? x : highMin;
  }
  acc.lowMax = lowMax;
  acc.highMin = highMin;
}

/**
 * Median as numpy computes it (the mean of the two middle values when the count is even), in
 * one pass after the histogram in the usual cases: both middle ranks in one bin (collect it), or
 * in two bins (then they are the largest of the lower bin and the smallest of the upper one).
 */
async function medianOf(
  pass: PixelPass,
  lo: number,
  hi: number,
  hist: Uint32Array | undefined,
  count: number,
  collectLimit: number,
): Promise<number> {
  const k = count >> 1;
  if (count % 2 === 1) return selectRank(pass, lo, hi, hist, k, collectLimit);
  if (!hist || hi === lo) return lo;
  const bins = hist.length;
  const inv = fastBinning(lo, hi, bins);
  let low = 0;
  let below = 0;
  while (below + hist[low]! <= k - 1) below += hist[low++]!;
  const lowBelow = below;
  let high = low;
  while (below + hist[high]! <= k) below += hist[high++]!;
  if (low !== high) {
    const acc = { lowMax: Number.NEGATIVE_INFINITY, highMin: Number.POSITIVE_INFINITY };
    await pass((chunk) => edgesChunk(chunk, lo, hi, inv, bins, low, high, acc));
    return (acc.lowMax + acc.highMin) / 2;
  }
  if (hist[low]! > collectLimit) {
    const upper = await selectRank(pass, lo, hi, hist, k, collectLimit);
    const lower = await selectRank(pass, lo, hi, hist, k - 1, collectLimit);
    return (lower + upper) / 2;
  }
  const into = { values: new Float64Array(hist[low]!), n: 0, min: 0, max: 0 };
  await pass((chunk) => binChunk(chunk, lo, hi, inv, bins, low, into));
  const r = k - lowBelow;
  const upper = quickselect(into.values, r, into.n);
  let lower = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < r; i++) lower = into.values[i]! > lower ? into.values[i]! : lower;
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
  const first = await scan(pass, ALL[0], ALL[1], 0, 0);
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
  const mean = (first.s1 + first.c1) / n;
  // Second pass: exact two-pass variance about the mean, and the histogram for the median.
  const second = await scan(pass, first.min, first.max, mean, binsFor(n));
  const d1 = (second.s1 + second.c1) / n;
  const variance = Math.max(0, second.s2 / n - d1 * d1);
  const std = Math.sqrt(variance);
  const median = await medianOf(pass, first.min, first.max, second.hist, n, limit);
  const rms = Math.sqrt(variance + mean * mean);

  let center = median;
  let dev = std;
  let kept = n;
  let keptMean = mean;
  // Windows are intersected: each iteration clips what the previous one kept (astropy's sigma_clip).
  let lo = first.min;
  let hi = first.max;
  for (let it = 0; it < maxIterations && dev > 0; it++) {
    lo = Math.max(lo, center - sigma * dev);
    hi = Math.min(hi, center + sigma * dev);
    const s = await scan(pass, lo, hi, center, binsFor(kept));
    if (s.count === 0) break;
    const m = (s.s1 + s.c1) / s.count;
    keptMean = center + m;
    dev = Math.sqrt(Math.max(0, s.s2 / s.count - m * m));
    const changed = s.count !== kept;
    kept = s.count;
    // The last iteration's median would only centre an iteration that never comes.
    if (!changed || it === maxIterations - 1) break;
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
