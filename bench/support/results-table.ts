// The table every HTTP benchmark prints: one row per target, the first row is the baseline.
import type { TargetResult } from './autocannon-target.js';

/** What a row must reach to pass: a share of the baseline's req/s and a p99 ceiling. */
export interface Goal {
  /** Minimum req/s as a fraction of the baseline row of the same run (0.5 = 50 %). */
  minShare: number;
  maxP99Ms: number;
}

export interface ResultRow extends TargetResult {
  goal?: Goal;
  /** The baseline's req/s to compare with (one measured just before); the first row's otherwise. */
  baselineRps?: number;
}

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

export function printResultsTable(rows: ResultRow[]): void {
  const base = rows[0]!.rps;
  const header = [
    'target',
    'req/s',
    'p50 ms',
    'p99 ms',
    'vs baseline',
    'goal',
    'met',
    'non-2xx',
    'errors',
  ];
  const lines = rows.map((r) => {
    const share = r.rps / (r.baselineRps ?? base);
    const goal = r.goal;
    return [
      r.target,
      r.rps.toFixed(0),
      r.p50.toFixed(1),
      r.p99.toFixed(1),
      percent(share),
      goal ? `≥ ${percent(goal.minShare)}, p99 < ${goal.maxP99Ms} ms` : '',
      goal ? (share >= goal.minShare && r.p99 < goal.maxP99Ms ? 'yes' : 'no') : '',
      String(r.non2xx),
      String(r.errors),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) console.log(format(line));
}
