import { describe, expect, it } from 'vitest';
import { formatBenchTable, readBestKnown } from './benchmark.js';
import { HAS_ITC, ITC_DIR, ITC_SKIP_NOTE } from './itc-data.js';

describe.skipIf(!HAS_ITC)(
  `benchmark anchors (${HAS_ITC ? 'BEST_KNOWN.md' : ITC_SKIP_NOTE})`,
  () => {
    it('should read columns B and D of BEST_KNOWN.md', () => {
      const anchors = readBestKnown(ITC_DIR);
      expect(anchors.size).toBe(21);
      expect(anchors.get('comp07')).toEqual({ winnerAverage: 33.9, bestKnown: 6 });
      expect(anchors.get('comp11')).toEqual({ winnerAverage: 0, bestKnown: 0 });
      expect(anchors.get('comp21')).toEqual({ winnerAverage: 108, bestKnown: 75 });
    });
  },
);

describe(formatBenchTable.name, () => {
  it('should print one row per instance and the summary lines', () => {
    const text = formatBenchTable({
      startedAt: '2026-01-01T00:00:00Z',
      node: 'v20',
      solver: 'hybrid',
      timeSeconds: 10,
      seeds: 1,
      rows: [
        {
          instance: 'comp01',
          seeds: [{ seed: 1, hard: 0, soft: 5, feasibleAfterMs: 100, evaluationsPerSecond: 1 }],
          hard: 0,
          softMean: 5,
          softBest: 5,
          bestKnown: 5,
          winnerAverage: 5,
          gapToBestKnownPercent: 0,
          peakRssMb: 80,
        },
      ],
      throughput: { instance: 'comp07', evaluationsPerSecond: 1_234_567, seconds: 1 },
      peakRssMb: 90,
      resultsFile: 'bench/results/x.json',
    });
    expect(text).toMatch(/comp01\s+0\s+5\.0\s+5\s+5\s+5\s+0\.0\s+yes\s+100 ms/);
    expect(text).toContain("feasible: 1/1; mean soft at or below the winner's average (B): 1/1");
    expect(text).toContain('delta evaluations on comp07: 1,234,567 per second (one core)');
  });
});
