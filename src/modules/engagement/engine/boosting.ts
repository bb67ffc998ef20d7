import { sigmoid } from './linalg.js';

/** A regression tree node: a leaf when `feature` is -1. `value` is the node's output on the log-odds scale. */
export interface TreeNode {
  feature: number;
  threshold: number;
  value: number;
  left: number;
  right: number;
}

export interface BoostedTrees {
  base: number;
  learningRate: number;
  /** Each tree as a flat node array, root first. */
  trees: TreeNode[][];
}

export interface BoostingOptions {
  trees?: number;
  depth?: number;
  learningRate?: number;
  minLeaf?: number;
  /** L2 on leaf values (XGBoost's λ). */
  lambda?: number;
}

/**
 * Gradient-boosted trees on the logistic loss with Newton leaf values (G / (H + λ)), exact greedy
 * splits on the gain G²/(H+λ). Small and deterministic: no sampling.
 */
export function fitBoostedTrees(
  x: number[][],
  y: number[],
  options: BoostingOptions = {},
): BoostedTrees {
  const nTrees = options.trees ?? 150;
  const depth = options.depth ?? 3;
  const lr = options.learningRate ?? 0.05;
  const minLeaf = options.minLeaf ?? 30;
  const lambda = options.lambda ?? 1;
  const n = x.length;
  const d = x[0]?.length ?? 0;
  const rate = y.reduce((a, b) => a + b, 0) / Math.max(1, n);
  const base = Math.log(Math.max(1e-6, rate) / Math.max(1e-6, 1 - rate));
  const f = new Array<number>(n).fill(base);
  // Rows sorted by each feature once; a node keeps the order by filtering.
  const order = Array.from({ length: d }, (_, j) =>
    Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => (x[a]?.[j] as number) - (x[b]?.[j] as number),
    ),
  );
  const trees: TreeNode[][] = [];
  const g = new Array<number>(n).fill(0);
  const h = new Array<number>(n).fill(0);
  const node = new Int32Array(n);
  for (let t = 0; t < nTrees; t++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(f[i] as number);
      g[i] = (y[i] as number) - p;
      h[i] = Math.max(p * (1 - p), 1e-10);
    }
    const tree: TreeNode[] = [];
    const build = (rows: number[], level: number): number => {
      let gs = 0;
      let hs = 0;
      for (const i of rows) {
        gs += g[i] as number;
        hs += h[i] as number;
      }
      const id = tree.length;
      tree.push({
        feature: -1,
        threshold: 0,
        value: (lr * gs) / (hs + lambda),
        left: -1,
        right: -1,
      });
      if (level >= depth || rows.length < 2 * minLeaf) return id;
      const inNode = new Uint8Array(n);
      for (const i of rows) inNode[i] = 1;
      const parentScore = (gs * gs) / (hs + lambda);
      let best = { gain: 1e-9, feature: -1, threshold: 0 };
      for (let j = 0; j < d; j++) {
        let gl = 0;
        let hl = 0;
        let count = 0;
        const sorted = (order[j] as number[]).filter((i) => inNode[i] === 1);
        for (let k = 0; k < sorted.length - 1; k++) {
          const i = sorted[k] as number;
          gl += g[i] as number;
          hl += h[i] as number;
          count++;
          const v = x[i]?.[j] as number;
          const next = x[sorted[k + 1] as number]?.[j] as number;
          if (v === next || count < minLeaf || sorted.length - count < minLeaf) continue;
          const gr = gs - gl;
          const hr = hs - hl;
          const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore;
          if (gain > best.gain) best = { gain, feature: j, threshold: (v + next) / 2 };
        }
      }
      if (best.feature < 0) return id;
      const left = rows.filter((i) => (x[i]?.[best.feature] as number) <= best.threshold);
      const right = rows.filter((i) => (x[i]?.[best.feature] as number) > best.threshold);
      const self = tree[id] as TreeNode;
      self.feature = best.feature;
      self.threshold = best.threshold;
      self.left = build(left, level + 1);
      self.right = build(right, level + 1);
      return id;
    };
    build(
      Array.from({ length: n }, (_, i) => i),
      0,
    );
    for (let i = 0; i < n; i++) {
      node[i] = 0;
      f[i] = (f[i] as number) + leafOf(tree, x[i] as number[]).value;
    }
    trees.push(tree);
  }
  return { base, learningRate: lr, trees };
}

function leafOf(tree: TreeNode[], row: number[]): TreeNode {
  let nd = tree[0] as TreeNode;
  while (nd.feature >= 0)
    nd = tree[(row[nd.feature] as number) <= nd.threshold ? nd.left : nd.right] as TreeNode;
  return nd;
}

/**
 * The raw log-odds of a row and each feature's share of it (Saabas path attribution): along each
 * tree's path, the change of node value at a split goes to the split's feature. `base` plus the
 * shares is the output exactly.
 */
export function explainBoosted(
  model: BoostedTrees,
  row: number[],
  features: number,
): { logOdds: number; base: number; contributions: number[] } {
  const contributions = new Array<number>(features).fill(0);
  let base = model.base;
  let logOdds = model.base;
  for (const tree of model.trees) {
    let nd = tree[0] as TreeNode;
    base += nd.value;
    while (nd.feature >= 0) {
      const next = tree[
        (row[nd.feature] as number) <= nd.threshold ? nd.left : nd.right
      ] as TreeNode;
      contributions[nd.feature] = (contributions[nd.feature] as number) + next.value - nd.value;
      nd = next;
    }
    logOdds += nd.value;
  }
  return { logOdds, base, contributions };
}
