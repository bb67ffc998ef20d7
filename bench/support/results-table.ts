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
  /** The baseline run to compare with (one measured just before); the first row otherwise. */
  baseline?: TargetResult;
}

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

export function printResultsTable(rows: ResultRow[]): void {
  const header = [
    'target',
    'req/s',
    'p50 ms',
    'p99 ms',
    'vs baseline',
    'CPU µs/req',
    'vs baseline (CPU)',
    'goal',
    'met',
    'non-2xx',
    'errors',
  ];
  const lines = rows.map((r) => {
    const base = r.baseline ?? rows[0]!;
    const share = r.rps / base.rps;
    // What the req/s share would be if the server had a core to itself: baseline CPU per
    // request over this target's. Steadier than req/s when other work shares the machine.
    const cpuShare =
      r.cpuUsPerRequest && base.cpuUsPerRequest ? base.cpuUsPerRequest / r.cpuUsPerRequest : null;
    const goal = r.goal;
    return [
      r.target,
      r.rps.toFixed(0),
      r.p50.toFixed(1),
      r.p99.toFixed(1),
      percent(share),
      r.cpuUsPerRequest === null ? '' : r.cpuUsPerRequest.toFixed(0),
      cpuShare === null ? '' : percent(cpuShare),
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
