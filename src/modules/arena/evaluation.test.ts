import { describe, expect, it } from 'vitest';
import { evaluateSelector, type SolvedWorkload } from './evaluation.js';

// Small workloads are won by greedy, large ones by tabu: a selector should learn the split.
const w = (size: number, greedy: number, tabu: number): SolvedWorkload => ({
  features: [size],
  runs: [
    { competitor: 'greedy', hard: 0, soft: greedy },
    { competitor: 'tabu', hard: 0, soft: tabu },
  ],
});

describe('evaluateSelector', () => {
  it('should score learned against every fixed solver on held-apart workloads only', () => {
    const train = [
      w(10, 50, 100),
      w(12, 40, 80),
      w(11, 45, 90),
      w(90, 200, 100),
      w(95, 220, 110),
      w(88, 300, 100),
    ];
    const test = [w(9, 50, 100), w(93, 200, 100)];
    const e = evaluateSelector(train, test, 1);
    // tabu has mean train gap (0.5+0.5+0.5+0+0+0)/6 = 0.25, greedy (0+0+0+0.5+0.5+0.6667)/6.
    expect(e.bestFixed).toBe('tabu');
    expect(e.meanGap).toEqual({ oracle: 0, learned: 0, greedy: 0.25, tabu: 0.25 });
    expect(e.picks).toEqual({ greedy: 1, tabu: 1 });
    expect([e.learnedRegret, e.bestFixedRegret, e.trainSize, e.testSize]).toEqual([0, 0.25, 6, 2]);
  });
});
