// The table every HTTP benchmark prints: one row per target, the first row is the baseline.
import type { TargetResult } from './autocannon-target.js';

export function printResultsTable(rows: TargetResult[]): void {
  const base = rows[0]!.rps;
  const header = ['target', 'req/s', 'p50 ms', 'p99 ms', 'vs baseline', 'non-2xx', 'errors'];
  const lines = rows.map((r) => [
    r.target,
    r.rps.toFixed(0),
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    `${((r.rps / base) * 100).toFixed(1)} %`,
    String(r.non2xx),
    String(r.errors),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) console.log(format(line));
}
