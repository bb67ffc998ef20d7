import { describe, expect, it } from 'vitest';
import { leaveOneOut, predict, trainKnn } from './selector.js';

const history = [
  { features: [10, 0.2], best: 'greedy' },
  { features: [12, 0.25], best: 'greedy' },
  { features: [11, 0.22], best: 'greedy' },
  { features: [90, 0.8], best: 'tabu' },
  { features: [95, 0.75], best: 'tabu' },
  { features: [88, 0.85], best: 'hybrid' },
];

describe('k-NN selector', () => {
  it('should train a fixed model from a fixed history', () => {
    const m = trainKnn(history, 3);
    expect(m.mean.map((x) => Math.round(x * 1000) / 1000)).toEqual([51, 0.512]);
    expect(trainKnn(history, 3)).toEqual(m);
  });

  it('should pick what similar workloads were best solved by', () => {
    const m = trainKnn(history, 3);
    expect(predict(m, [11, 0.21], 'hybrid')).toBe('greedy');
    expect(predict(m, [93, 0.77], 'greedy')).toBe('tabu');
  });

  it('should fall back without history', () => {
    expect(predict(trainKnn([]), [1, 2], 'hybrid')).toBe('hybrid');
  });
});

describe('leaveOneOut', () => {
  it('should validate each example on a model without it', () => {
    // k = 1: each example takes its nearest neighbour's best; one tabu workload's nearest is the
    // hybrid one, whose nearest is tabu.
    expect(leaveOneOut(history, 1)).toEqual({
      accuracy: 0.6667,
      confusion: { greedy: { greedy: 3 }, tabu: { tabu: 1, hybrid: 1 }, hybrid: { tabu: 1 } },
    });
  });
});
