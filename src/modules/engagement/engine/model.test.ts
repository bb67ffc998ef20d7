import { describe, expect, it } from 'vitest';
import { fitLogistic } from './logistic.js';
import { auc } from './metrics.js';
import {
  holdoutSplit,
  parseRiskModel,
  predictRisk,
  type RiskRow,
  seededRandom,
  trainRiskModel,
} from './model.js';

/** n rows of two standard normal features, y ~ Bernoulli(σ(0.5 + 2·x1 − x2)); x3 is noise. */
function logisticData(n: number, seed: number) {
  const random = seededRandom(seed);
  const normal = () =>
    Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const rows: RiskRow[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = [normal(), normal(), normal()];
    const z = 0.5 + 2 * (x[0] as number) - (x[1] as number);
    rows.push({ module: i % 2 ? 'A' : 'B', values: x });
    labels.push(random() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
  }
  return { rows, labels };
}
const NAMES = ['x1', 'x2', 'x3'];

describe('fitLogistic', () => {
  it('should recover the generating coefficients', () => {
    const { rows, labels } = logisticData(4000, 7);
    const fit = fitLogistic(
      rows.map((r) => [...r.values]),
      labels,
      { lambda: 1e-6 },
    );
    expect(fit.intercept).toBeCloseTo(0.5, 0);
    expect(fit.weights[0]).toBeCloseTo(2, 0);
    expect(fit.weights[1]).toBeCloseTo(-1, 0);
    expect(Math.abs(fit.weights[2] as number)).toBeLessThan(0.15);
  });
});

describe('trainRiskModel', () => {
  it('should rank held-out learners well, with factors that add up to the log-odds', () => {
    const train = logisticData(3000, 1);
    const test = logisticData(1000, 2);
    const model = trainRiskModel(train.rows, train.labels, NAMES, { featureNames: NAMES });
    if (model.kind !== 'logistic') throw new Error('expected the logistic model');
    expect(model.weights[0]).toBeGreaterThan(0);
    expect(model.weights[1]).toBeLessThan(0);
    expect(model.modules).toEqual(['A', 'B']);
    const predictions = test.rows.map((r) => predictRisk(model, r, NAMES));
    expect(
      auc(
        predictions.map((p) => p.probability),
        test.labels,
      ),
    ).toBeGreaterThan(0.8);
    for (const p of predictions.slice(0, 20)) {
      const sum = p.factors.reduce((acc, f) => acc + f.contribution, p.base);
      expect(sum).toBeCloseTo(p.logOdds, 10);
      expect(1 / (1 + Math.exp(-p.logOdds))).toBeCloseTo(p.probability, 10);
    }
    expect(predictions[0]?.factors.map((f) => f.name)).toEqual([
      'x1',
      'x2',
      'x3',
      'module=A',
      'module=B',
    ]);
  });

  it('should give an unseen module no offset, and survive a JSON round trip', () => {
    const train = logisticData(1000, 3);
    const model = trainRiskModel(train.rows, train.labels, NAMES, { featureNames: NAMES });
    const row = { module: 'NEW', values: [0.3, -0.2, 1] };
    const p = predictRisk(model, row, NAMES);
    expect(
      p.factors.filter((f) => f.name.startsWith('module=')).every((f) => f.contribution === 0),
    ).toBe(true);
    const back = parseRiskModel(JSON.stringify(model));
    expect(predictRisk(back, row, NAMES)).toEqual(p);
    expect(() => parseRiskModel('{"kind":"other"}')).toThrow(/not a risk model/);
  });

  it('should train boosted trees whose path factors add up to the log-odds', () => {
    const train = logisticData(2000, 4);
    const test = logisticData(500, 5);
    const model = trainRiskModel(train.rows, train.labels, NAMES, {
      kind: 'boosted',
      featureNames: NAMES,
      boosting: { trees: 40, depth: 2 },
    });
    const predictions = test.rows.map((r) => predictRisk(model, r, NAMES));
    expect(
      auc(
        predictions.map((p) => p.probability),
        test.labels,
      ),
    ).toBeGreaterThan(0.8);
    const p = predictions[0];
    if (!p) throw new Error('no prediction');
    expect(p.factors.reduce((acc, f) => acc + f.contribution, p.base)).toBeCloseTo(p.logOdds, 10);
    const meanAbs = (name: string) =>
      predictions.reduce(
        (acc, q) => acc + Math.abs(q.factors.find((f) => f.name === name)?.contribution ?? 0),
        0,
      );
    expect(meanAbs('x1')).toBeGreaterThan(meanAbs('x3'));
  });
});

describe('holdoutSplit', () => {
  it('should keep the label mix on both sides and depend on the seed only', () => {
    const labels = Array.from({ length: 100 }, (_, i) => (i < 40 ? 1 : 0));
    const [fit, cal] = holdoutSplit(labels, 0.25, 9);
    expect(cal).toHaveLength(25);
    expect(cal.filter((i) => labels[i] === 1)).toHaveLength(10);
    expect(fit.length + cal.length).toBe(100);
    expect(holdoutSplit(labels, 0.25, 9)).toEqual([fit, cal]);
  });
});
