import { describe, expect, it } from 'vitest';
import { assignVariant, compareProportions, normalCdf } from './experiment-stats.js';

describe(compareProportions.name, () => {
  // Hand-computed: p1 = 30/200 = 0.15, p2 = 50/200 = 0.25, pooled 0.2;
  // SE pooled = sqrt(0.2·0.8·(2/200)) = 0.04 → z = 2.5 → p = 2·(1 − Φ(2.5)) = 0.012419;
  // SE unpooled = sqrt(0.15·0.85/200 + 0.25·0.75/200) = 0.039686 → ±0.077782.
  it('should give the difference, its 95 % interval and the two-sided p-value', () => {
    const c = compareProportions({ sent: 200, converted: 30 }, { sent: 200, converted: 50 });
    expect(c.difference).toBeCloseTo(0.1, 6);
    expect(c.pValue).toBeCloseTo(0.012419, 5);
    expect(c.ci95[0]).toBeCloseTo(0.022218, 5);
    expect(c.ci95[1]).toBeCloseTo(0.177782, 5);
  });

  it('should say nothing without data and p = 1 for identical all-or-nothing rates', () => {
    expect(
      compareProportions({ sent: 0, converted: 0 }, { sent: 5, converted: 1 }).pValue,
    ).toBeNull();
    expect(compareProportions({ sent: 4, converted: 4 }, { sent: 6, converted: 6 }).pValue).toBe(1);
  });

  it('should have a normal CDF that matches the tables', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
  });
});

describe(assignVariant.name, () => {
  const variants = [
    { key: 'a', weight: 1 },
    { key: 'b', weight: 3 },
  ];
  it('should give a learner the same variant every time, and split by the weights', () => {
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 4000; i++) {
      const learner = `learner-${i}`;
      const first = assignVariant('exp-1', learner, variants);
      expect(assignVariant('exp-1', learner, variants)).toBe(first);
      counts[first.key as 'a' | 'b']++;
    }
    // 1 : 3 → 1000 expected in a; 4 standard deviations is ±110.
    expect(counts.a).toBeGreaterThan(890);
    expect(counts.a).toBeLessThan(1110);
  });
});
