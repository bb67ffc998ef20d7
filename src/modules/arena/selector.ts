/** One training example: a workload's feature vector and the fixed solver that did best on it. */
export interface Example {
  features: number[];
  best: string;
}

export interface KnnModel {
  k: number;
  mean: number[];
  scale: number[];
  examples: Example[];
}

/**
 * A k-nearest-neighbour selector over standardised features. k-NN because the arena's history
 * is small (tens to hundreds of workloads), it needs no training loop or library, it is exact
 * and reproducible for a fixed history, and it adapts the moment a new workload is stored.
 */
export function trainKnn(examples: Example[], k = 3): KnnModel {
  const d = examples[0]?.features.length ?? 0;
  const mean = Array.from(
    { length: d },
    (_, j) => examples.reduce((s, e) => s + e.features[j]!, 0) / Math.max(1, examples.length),
  );
  const scale = mean.map((m, j) => {
    const v =
      examples.reduce((s, e) => s + (e.features[j]! - m) ** 2, 0) / Math.max(1, examples.length);
    return Math.sqrt(v) || 1;
  });
  return { k, mean, scale, examples };
}

/** The solver the neighbours vote for (nearer votes weigh more); `fallback` with no history. */
export function predict(model: KnnModel, features: number[], fallback: string): string {
  if (model.examples.length === 0) return fallback;
  const z = (x: number[]) => x.map((v, j) => (v - model.mean[j]!) / model.scale[j]!);
  const q = z(features);
  const near = model.examples
    .map((e) => ({ e, d: Math.hypot(...z(e.features).map((v, j) => v - q[j]!)) }))
    .sort((a, b) => a.d - b.d || a.e.best.localeCompare(b.e.best))
    .slice(0, model.k);
  const votes = new Map<string, number>();
  for (const { e, d } of near) votes.set(e.best, (votes.get(e.best) ?? 0) + 1 / (d + 1e-6));
  return [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
}

/**
 * Leave-one-out validation: each example predicted by a model trained on all the others.
 * The confusion matrix counts `actual → predicted`.
 */
export function leaveOneOut(examples: Example[], k = 3, fallback = 'hybrid') {
  const confusion: Record<string, Record<string, number>> = {};
  let correct = 0;
  examples.forEach((e, i) => {
    const rest = examples.filter((_, j) => j !== i);
    const got = predict(trainKnn(rest, k), e.features, fallback);
    if (got === e.best) correct++;
    const row = confusion[e.best] ?? {};
    row[got] = (row[got] ?? 0) + 1;
    confusion[e.best] = row;
  });
  return {
    accuracy: examples.length ? Math.round((correct / examples.length) * 1e4) / 1e4 : null,
    confusion,
  };
}
