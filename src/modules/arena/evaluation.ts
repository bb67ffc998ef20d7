import { best, rankAndGap } from './scoring.js';
import { predict, trainKnn } from './selector.js';

/** One solved workload: its feature vector and every fixed solver's cost. */
export interface SolvedWorkload {
  features: number[];
  runs: Array<{ competitor: string; hard: number; soft: number }>;
}

export interface SelectorEvaluation {
  /** Mean normalised gap on the test workloads, per fixed solver, `learned` and `oracle`. */
  meanGap: Record<string, number>;
  /** The fixed solver with the lowest mean gap on the training workloads. */
  bestFixed: string;
  /** Mean gap to the oracle (its regret) of `learned` and of `bestFixed`, on the test workloads. */
  learnedRegret: number;
  bestFixedRegret: number;
  /** How often `learned` picked each solver on the test workloads. */
  picks: Record<string, number>;
  trainSize: number;
  testSize: number;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

function gaps(w: SolvedWorkload) {
  return new Map(rankAndGap(w.runs).map((r) => [r.competitor, r.gap]));
}

/**
 * Out-of-sample evaluation of the k-NN selector: trained on `train` only, scored on `test`
 * (workloads of other seeds, and presets if the caller holds some apart). The best fixed solver
 * is chosen on `train` too, so neither side peeks at the test workloads.
 */
export function evaluateSelector(
  train: SolvedWorkload[],
  test: SolvedWorkload[],
  k = 3,
): SelectorEvaluation {
  const solvers = [...new Set(train.flatMap((w) => w.runs.map((r) => r.competitor)))].sort();
  const model = trainKnn(
    train.map((w) => ({ features: w.features, best: best(w.runs)!.competitor })),
    k,
  );
  const trainGaps = train.map(gaps);
  const bestFixed = solvers
    .map((s) => ({ s, g: mean(trainGaps.map((g) => g.get(s) ?? 1)) }))
    .sort((a, b) => a.g - b.g || a.s.localeCompare(b.s))[0]!.s;
  const testGaps = test.map(gaps);
  const picks: Record<string, number> = {};
  const learned = test.map((w, i) => {
    const pick = predict(model, w.features, bestFixed);
    picks[pick] = (picks[pick] ?? 0) + 1;
    return testGaps[i]!.get(pick) ?? 1;
  });
  const meanGap: Record<string, number> = { oracle: 0, learned: r4(mean(learned)) };
  for (const s of solvers) meanGap[s] = r4(mean(testGaps.map((g) => g.get(s) ?? 1)));
  return {
    meanGap,
    bestFixed,
    learnedRegret: meanGap.learned!,
    bestFixedRegret: meanGap[bestFixed]!,
    picks,
    trainSize: train.length,
    testSize: test.length,
  };
}
