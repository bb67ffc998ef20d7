import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeArrayStats } from './array-stats.js';
import type { PixelPass } from './image-reader.js';
import { quickselect } from './select.js';
import { computeStats } from './stats.js';

function arrayPass(values: ArrayLike<number>, chunk = 1 << 30): PixelPass {
  const data = Float64Array.from(values);
  return async (visit) => {
    for (let i = 0; i < data.length; i += chunk) visit(data.subarray(i, i + chunk));
  };
}

function naive(values: number[]) {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  const n = v.length;
  const mean = v.reduce((a, b) => a + b, 0) / n;
  const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  const median = n % 2 ? v[(n - 1) / 2]! : (v[n / 2 - 1]! + v[n / 2]!) / 2;
  return { n, min: v[0], max: v[n - 1], mean, std, median };
}

describe('computeStats', () => {
  it('should match a sort-based reference on random data, in any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.double({ min: -1e6, max: 1e6, noNaN: true }),
            fc.integer({ min: -5, max: 5 }),
            fc.constant(Number.NaN),
          ),
          { minLength: 1, maxLength: 400 },
        ),
        fc.integer({ min: 1, max: 50 }),
        async (values, chunk) => {
          const s = await computeStats(arrayPass(values, chunk));
          // The in-memory path must give the same answers as the streaming one.
          const a = computeArrayStats(Float64Array.from(values));
          expect(a.count).toBe(s.count);
          expect(a.median === s.median).toBe(true); // == so that -0 and 0 agree
          expect(a.clippedCount).toBe(s.clippedCount);
          expect(Math.abs(a.robustMean! - s.robustMean!)).toBeLessThanOrEqual(
            1e-9 * Math.max(1, Math.abs(s.robustMean!)),
          );
          expect(Math.abs(a.robustStd! - s.robustStd!)).toBeLessThanOrEqual(
            1e-7 * Math.max(1, s.robustStd!),
          );
          const ref = naive(values);
          expect(s.count).toBe(ref.n);
          expect(s.nanCount).toBe(values.length - ref.n);
          if (ref.n === 0) return;
          expect(s.min === ref.min).toBe(true);
          expect(s.max === ref.max).toBe(true);
          expect(s.median === ref.median).toBe(true);
          const scale = Math.max(1, Math.abs(ref.mean), ref.std);
          expect(Math.abs(s.mean! - ref.mean)).toBeLessThan(1e-9 * scale);
          expect(Math.abs(s.std! - ref.std)).toBeLessThan(1e-7 * scale);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('should give the same results for integer images by counting values', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(fc.integer({ min: -40, max: 60 }), fc.constant(1000), fc.constant(Number.NaN)),
          {
            minLength: 1,
            maxLength: 300,
          },
        ),
        async (values) => {
          const counted = computeArrayStats(Float64Array.from(values), { integerValued: true });
          const selected = computeArrayStats(Float64Array.from(values));
          const streamed = await computeStats(arrayPass(values, 17));
          for (const other of [selected, streamed]) {
            expect(counted.count).toBe(other.count);
            expect(counted.median).toBe(other.median);
            expect(counted.clippedCount).toBe(other.clippedCount);
            if (other.count === 0) continue;
            expect(counted.std).toBeCloseTo(other.std!, 9);
            expect(counted.robustMean).toBeCloseTo(other.robustMean!, 9);
            expect(counted.robustStd).toBeCloseTo(other.robustStd!, 9);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('should give numpy-like results on a known sample, with sigma clipping removing an outlier', async () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 1000];
    const streamed = await computeStats(
      arrayPass([...values, Number.NaN, Number.POSITIVE_INFINITY]),
    );
    const inMemory = computeArrayStats(
      Float64Array.from([...values, Number.NaN, Number.NEGATIVE_INFINITY]),
    );
    for (const s of [streamed, inMemory]) expectKnownSample(s);
  });

  function expectKnownSample(s: Awaited<ReturnType<typeof computeStats>>) {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 1000];
    expect(s.count).toBe(20);
    expect(s.nanCount).toBe(2);
    expect(s.median).toBe(10.5);
    expect(s.mean).toBeCloseTo(59.5, 12);
    expect(s.std).toBeCloseTo(215.83153152401064, 9);
    expect(s.rms).toBeCloseTo(Math.sqrt(values.reduce((a, b) => a + b * b, 0) / 20), 9);
    // astropy.stats.sigma_clipped_stats(values) → mean 10.0, std 5.477225575051661
    expect(s.robustMean).toBe(10);
    expect(s.robustStd).toBeCloseTo(5.477225575051661, 12);
    expect(s.clippedCount).toBe(1);
  }

  it('should handle all-missing, constant and single-value inputs', async () => {
    const none = await computeStats(arrayPass([Number.NaN, Number.NaN]));
    expect(none).toMatchObject({ count: 0, nanCount: 2, min: null, median: null, std: null });
    const constant = await computeStats(arrayPass(new Array(1000).fill(1890)));
    expect(constant).toMatchObject({
      min: 1890,
      max: 1890,
      mean: 1890,
      median: 1890,
      std: 0,
      robustStd: 0,
    });
    for (const extreme of [
      [0, 5e-324, 1e-323],
      [-1.7e308, 1.7e308, 0, 1],
    ]) {
      const streamed = await computeStats(arrayPass(extreme));
      const expected = [...extreme].sort((a, b) => a - b);
      const mid = extreme.length % 2 ? expected[1]! : (expected[1]! + expected[2]!) / 2;
      expect(streamed.median).toBe(mid);
      expect(computeArrayStats(Float64Array.from(extreme)).median).toBe(mid);
    }
    const one = await computeStats(arrayPass([-3.5]));
    expect(one).toMatchObject({ count: 1, median: -3.5, mean: -3.5, std: 0 });
  });

  it('should select exactly when one histogram bin holds more values than it collects', async () => {
    // n values at 1, n at 1 + 2^-40 (same bin) and one far outlier: the bin is re-histogrammed.
    const n = 3000;
    const values = new Float64Array(2 * n + 1);
    values.fill(1, 0, n);
    values.fill(1 + 2 ** -40, n, 2 * n);
    values[2 * n] = 1e9;
    const s = await computeStats(arrayPass(values, 700), { collectLimit: 1000 });
    expect(s.median).toBe(1 + 2 ** -40);
    expect(s.min).toBe(1);
    expect(s.max).toBe(1e9);
  });
});

describe('quickselect', () => {
  it('should find every rank of a shuffled array with duplicates', () => {
    const src = Array.from({ length: 101 }, (_, i) => Math.floor(i / 3));
    const sorted = [...src].sort((a, b) => a - b);
    for (let k = 0; k < src.length; k++) {
      const a = Float64Array.from(src.map((_, i) => src[(i * 37) % 101]!));
      expect(quickselect(a, k)).toBe(sorted[k]);
    }
  });
});
