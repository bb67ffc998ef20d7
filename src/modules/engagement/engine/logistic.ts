import { sigmoid, solveSpd } from './linalg.js';

export interface LogisticFit {
  intercept: number;
  weights: number[];
  iterations: number;
}

/**
 * L2-penalised logistic regression by Newton's method (IRLS): minimises
 * −Σ log-likelihood + λ/2 · ‖w‖² (the intercept is not penalised). `x` rows should be standardised.
 */
export function fitLogistic(
  x: number[][],
  y: number[],
  options: {
    lambda?: number;
    maxIterations?: number;
    tolerance?: number;
    sampleWeights?: number[];
  } = {},
): LogisticFit {
  const lambda = options.lambda ?? 1;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-8;
  const d = x[0]?.length ?? 0;
  const p = d + 1;
  let beta = new Array<number>(p).fill(0);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const h: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    const g = new Array<number>(p).fill(0);
    for (let i = 0; i < x.length; i++) {
      const row = x[i] as number[];
      const sw = options.sampleWeights?.[i] ?? 1;
      let z = beta[0] as number;
      for (let j = 0; j < d; j++) z += (beta[j + 1] as number) * (row[j] as number);
      const mu = sigmoid(z);
      const r = sw * ((y[i] as number) - mu);
      const w = sw * Math.max(mu * (1 - mu), 1e-10);
      const xi = [1, ...row];
      for (let a = 0; a < p; a++) {
        const xa = xi[a] as number;
        g[a] = (g[a] as number) + r * xa;
        const ha = h[a] as number[];
        for (let b = 0; b <= a; b++) ha[b] = (ha[b] as number) + w * xa * (xi[b] as number);
      }
    }
    for (let a = 0; a < p; a++) {
      const ha = h[a] as number[];
      for (let b = 0; b < a; b++) (h[b] as number[])[a] = ha[b] as number;
      if (a > 0) {
        ha[a] = (ha[a] as number) + lambda;
        g[a] = (g[a] as number) - lambda * (beta[a] as number);
      }
    }
    const step = solveSpd(h, g);
    beta = beta.map((b, i) => b + (step[i] as number));
    if (Math.max(...step.map(Math.abs)) < tolerance) {
      iterations++;
      break;
    }
  }
  return { intercept: beta[0] as number, weights: beta.slice(1), iterations };
}
