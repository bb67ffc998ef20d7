import { describe, expect, it } from 'vitest';
import { auc, brier, calibrationBins, ece, summariseBy } from './metrics.js';

describe('auc', () => {
  it('should count the share of correctly ordered positive/negative pairs', () => {
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12);
    expect(auc([0.1, 0.2, 0.3], [0, 1, 1])).toBe(1);
    expect(auc([0.9, 0.2, 0.3], [0, 1, 1])).toBe(0);
  });
  it('should count a tie between a positive and a negative as one half', () => {
    expect(auc([0.5, 0.5], [0, 1])).toBe(0.5);
    expect(auc([0.2, 0.5, 0.5, 0.9], [0, 0, 1, 1])).toBeCloseTo(0.875, 12);
  });
  it('should be null with one class only', () => {
    expect(auc([0.2, 0.3], [1, 1])).toBeNull();
  });
});

describe('brier and ece', () => {
  it('should give the mean squared error', () => {
    expect(brier([0.2, 0.6], [0, 1])).toBeCloseTo((0.04 + 0.16) / 2, 12);
    expect(brier([], [])).toBeNull();
  });
  it('should weigh each bin gap by the bin share', () => {
    // bin 0.1–0.2: predicted 0.15, observed 0.5; bin 0.8–0.9: predicted 0.85, observed 1.
    expect(ece([0.15, 0.15, 0.85, 0.85], [0, 1, 1, 1])).toBeCloseTo(0.5 * 0.35 + 0.5 * 0.15, 12);
    expect(ece([0, 1], [0, 1])).toBe(0);
  });
  it('should put a probability of 1 in the last of 10 bins', () => {
    const bins = calibrationBins([0, 0.05, 1], [0, 0, 1]);
    expect(bins).toHaveLength(10);
    expect(bins[0]).toMatchObject({ count: 2, meanPredicted: 0.025, observedRate: 0 });
    expect(bins[9]).toMatchObject({ count: 1, meanPredicted: 1, observedRate: 1 });
    expect(bins[5]).toMatchObject({ count: 0, meanPredicted: null });
  });
});

describe('summariseBy', () => {
  it('should summarise each group, sorted by group', () => {
    const items = [
      { g: 'M', p: 0.9, y: 1 },
      { g: 'F', p: 0.1, y: 0 },
      { g: 'M', p: 0.2, y: 0 },
      { g: 'F', p: 0.7, y: 1 },
    ];
    const out = summariseBy(
      items,
      (i) => i.p,
      (i) => i.y,
      (i) => i.g,
    );
    expect(out.map((o) => [o.group, o.count, o.positives, o.auc])).toEqual([
      ['F', 2, 1, 1],
      ['M', 2, 1, 1],
    ]);
  });
});
