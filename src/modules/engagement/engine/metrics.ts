/** Area under the ROC curve by the rank-sum (Mann–Whitney) statistic, ties counted one half. */
export function auc(scores: number[], labels: number[]): number | null {
  const pairs = scores.map((s, i) => ({ s, y: labels[i] as number })).sort((a, b) => a.s - b.s);
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < pairs.length; ) {
    let j = i;
    while (j < pairs.length && pairs[j]?.s === pairs[i]?.s) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++)
      if (pairs[k]?.y === 1) {
        pos++;
        rankSum += midRank;
      }
    i = j;
  }
  const neg = pairs.length - pos;
  if (pos === 0 || neg === 0) return null;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Mean squared difference between predicted probability and outcome. */
export function brier(probabilities: number[], labels: number[]): number | null {
  if (probabilities.length === 0) return null;
  return (
    probabilities.reduce((acc, p, i) => acc + (p - (labels[i] as number)) ** 2, 0) /
    probabilities.length
  );
}

export interface CalibrationBin {
  lower: number;
  upper: number;
  count: number;
  meanPredicted: number | null;
  observedRate: number | null;
}

/** Equal-width bins over [0, 1]; a probability of exactly 1 falls in the last bin. */
export function calibrationBins(
  probabilities: number[],
  labels: number[],
  bins = 10,
): CalibrationBin[] {
  const acc = Array.from({ length: bins }, () => ({ n: 0, p: 0, y: 0 }));
  probabilities.forEach((p, i) => {
    const b = acc[Math.min(bins - 1, Math.max(0, Math.floor(p * bins)))];
    if (!b) return;
    b.n++;
    b.p += p;
    b.y += labels[i] as number;
  });
  return acc.map((b, i) => ({
    lower: i / bins,
    upper: (i + 1) / bins,
    count: b.n,
    meanPredicted: b.n ? b.p / b.n : null,
    observedRate: b.n ? b.y / b.n : null,
  }));
}

/** Expected calibration error: Σ (bin count / n) · |mean predicted − observed rate|, 10 bins. */
export function ece(probabilities: number[], labels: number[], bins = 10): number | null {
  if (probabilities.length === 0) return null;
  return calibrationBins(probabilities, labels, bins).reduce(
    (acc, b) =>
      acc +
      (b.count / probabilities.length) * Math.abs((b.meanPredicted ?? 0) - (b.observedRate ?? 0)),
    0,
  );
}

export interface MetricSummary {
  count: number;
  positives: number;
  auc: number | null;
  brier: number | null;
  ece: number | null;
}

export function summarise(probabilities: number[], labels: number[]): MetricSummary {
  return {
    count: labels.length,
    positives: labels.filter((y) => y === 1).length,
    auc: auc(probabilities, labels),
    brier: brier(probabilities, labels),
    ece: ece(probabilities, labels),
  };
}

/** The same summary per value of `groupOf` (e.g. gender, age band, disability), sorted by group. */
export function summariseBy<T>(
  items: T[],
  probabilityOf: (item: T) => number,
  labelOf: (item: T) => number,
  groupOf: (item: T) => string,
): Array<{ group: string } & MetricSummary> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const g = groupOf(item);
    const list = groups.get(g);
    if (list) list.push(item);
    else groups.set(g, [item]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, list]) => ({ group, ...summarise(list.map(probabilityOf), list.map(labelOf)) }));
}
