import { describe, expect, it } from 'vitest';
import { leaderboard, rankAndGap } from './scoring.js';

describe('rankAndGap', () => {
  it('should rank lexicographically by hard then soft and normalise the gap', () => {
    const ranked = rankAndGap([
      { competitor: 'a', hard: 0, soft: 100 },
      { competitor: 'b', hard: 0, soft: 150 },
      { competitor: 'c', hard: 2, soft: 10 },
      { competitor: 'd', hard: 0, soft: 100 },
    ]);
    expect(ranked.map((r) => [r.competitor, r.rank, r.gap])).toEqual([
      ['a', 1, 0],
      ['b', 3, 0.3333],
      ['c', 4, 1],
      ['d', 1, 0],
    ]);
  });
});

describe('leaderboard', () => {
  it('should count wins, ties and losses on hand-made runs, leaving the oracle out', () => {
    const w1 = rankAndGap([
      { competitor: 'greedy', hard: 0, soft: 200 },
      { competitor: 'tabu', hard: 0, soft: 100 },
      { competitor: 'oracle', hard: 0, soft: 100 },
    ]);
    const w2 = rankAndGap([
      { competitor: 'greedy', hard: 0, soft: 50 },
      { competitor: 'tabu', hard: 0, soft: 50 },
      { competitor: 'oracle', hard: 0, soft: 50 },
    ]);
    const w3 = rankAndGap([
      { competitor: 'greedy', hard: 1, soft: 0 },
      { competitor: 'tabu', hard: 0, soft: 80 },
      { competitor: 'oracle', hard: 0, soft: 80 },
    ]);
    expect(leaderboard([w1, w2, w3])).toEqual([
      // Equal mean gap: more wins first.
      {
        competitor: 'tabu',
        workloads: 3,
        wins: 2,
        losses: 0,
        ties: 1,
        meanGap: 0,
        meanRank: 1,
        feasibilityRate: 1,
      },
      {
        competitor: 'oracle',
        workloads: 3,
        wins: 0,
        losses: 0,
        ties: 0,
        meanGap: 0,
        meanRank: 1,
        feasibilityRate: 1,
      },
      // gaps 0.5, 0, 1; ranks 3, 1, 3
      {
        competitor: 'greedy',
        workloads: 3,
        wins: 0,
        losses: 2,
        ties: 1,
        meanGap: 0.5,
        meanRank: 2.3333,
        feasibilityRate: 0.6667,
      },
    ]);
  });
});
