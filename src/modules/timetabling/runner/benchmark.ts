import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { compile, measureDeltaThroughput, parseCtt, type SolverName } from '../engine/index.js';
import { monotonicNow } from './monotonic-clock.js';
import { solve } from './solve.js';

export interface BenchOptions {
  instancesDir: string;
  timeSeconds: number;
  seeds: number;
  solver: SolverName;
  /** Instance names (without .ctt) to run; all when empty. */
  only: string[];
  resultsDir: string;
  /** Seconds of pure delta evaluation on comp07 for the throughput figure (0 = skip). */
  throughputSeconds: number;
  onInstanceStart?: (name: string, seed: number) => void;
  onProgress?: (name: string, elapsedMs: number, hard: number, soft: number) => void;
}

export interface BenchRow {
  instance: string;
  seeds: Array<{
    seed: number;
    hard: number;
    soft: number;
    feasibleAfterMs: number | null;
    evaluationsPerSecond: number;
  }>;
  hard: number;
  softMean: number;
  softBest: number;
  bestKnown: number | null;
  winnerAverage: number | null;
  gapToBestKnownPercent: number | null;
  peakRssMb: number;
}

export interface BenchReport {
  startedAt: string;
  node: string;
  solver: SolverName;
  timeSeconds: number;
  seeds: number;
  rows: BenchRow[];
  throughput: { instance: string; evaluationsPerSecond: number; seconds: number } | null;
  peakRssMb: number;
  resultsFile: string;
}

/** Columns B (winner's finals average) and D (best known) of BEST_KNOWN.md, by instance. */
export function readBestKnown(
  dir: string,
): Map<string, { winnerAverage: number | null; bestKnown: number | null }> {
  const file = join(dir, 'BEST_KNOWN.md');
  const out = new Map<string, { winnerAverage: number | null; bestKnown: number | null }>();
  if (!existsSync(file)) return out;
  const num = (cell: string | undefined) => {
    const m = /(-?\d+(?:\.\d+)?)/.exec((cell ?? '').replace(/\*/g, ''));
    return m ? Number(m[1]) : null;
  };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const cells = line.split('|').map((x) => x.trim());
    if (!/^comp\d+$/.test(cells[1] ?? '')) continue;
    // | inst | name | lectures | rooms | days×ppd | curricula | A | B | C | D | E |
    out.set(cells[1]!, { winnerAverage: num(cells[8]), bestKnown: num(cells[10]) });
  }
  return out;
}

const rssMb = () => Math.round(process.memoryUsage().rss / 1e6);

/** Solves each instance for each seed, one thread, and writes the figures as JSON. */
export async function runBenchmark(o: BenchOptions): Promise<BenchReport> {
  const names = readdirSync(o.instancesDir)
    .filter((f) => f.endsWith('.ctt'))
    .map((f) => basename(f, '.ctt'))
    .filter((n) => o.only.length === 0 || o.only.includes(n))
    .sort();
  const anchors = readBestKnown(o.instancesDir);
  const rows: BenchRow[] = [];
  let peak = rssMb();
  for (const name of names) {
    const problem = parseCtt(readFileSync(join(o.instancesDir, `${name}.ctt`), 'utf8'));
    const seeds: BenchRow['seeds'] = [];
    let rowPeak = rssMb();
    for (let seed = 1; seed <= o.seeds; seed++) {
      o.onInstanceStart?.(name, seed);
      const r = await solve(problem, {
        solver: o.solver,
        seed,
        timeLimitMs: o.timeSeconds * 1000,
        onProgress: (p) => {
          rowPeak = Math.max(rowPeak, rssMb());
          o.onProgress?.(name, p.elapsedMs, p.bestHard, p.bestSoft);
        },
      });
      const feasible = r.trajectory.find((t) => t.hard === 0);
      seeds.push({
        seed,
        hard: r.hard,
        soft: r.soft,
        feasibleAfterMs: feasible ? feasible.elapsedMs : null,
        evaluationsPerSecond: r.evaluationsPerSecond,
      });
    }
    peak = Math.max(peak, rowPeak);
    const a = anchors.get(name);
    const softMean = seeds.reduce((s, x) => s + x.soft, 0) / seeds.length;
    const bestKnown = a?.bestKnown ?? null;
    rows.push({
      instance: name,
      seeds,
      hard: Math.max(...seeds.map((x) => x.hard)),
      softMean,
      softBest: Math.min(...seeds.map((x) => x.soft)),
      bestKnown,
      winnerAverage: a?.winnerAverage ?? null,
      gapToBestKnownPercent:
        bestKnown !== null && bestKnown > 0 ? ((softMean - bestKnown) / bestKnown) * 100 : null,
      peakRssMb: rowPeak,
    });
  }
  let throughput: BenchReport['throughput'] = null;
  const tpFile = join(o.instancesDir, 'comp07.ctt');
  if (o.throughputSeconds > 0 && existsSync(tpFile)) {
    const t = await measureDeltaThroughput(
      compile(parseCtt(readFileSync(tpFile, 'utf8'))),
      monotonicNow,
      o.throughputSeconds * 1000,
    );
    throughput = {
      instance: 'comp07',
      evaluationsPerSecond: t.evaluationsPerSecond,
      seconds: t.seconds,
    };
    peak = Math.max(peak, rssMb());
  }
  mkdirSync(o.resultsDir, { recursive: true });
  const startedAt = new Date().toISOString();
  const resultsFile = join(o.resultsDir, `timetable-${startedAt.replace(/[:.]/g, '-')}.json`);
  const report: BenchReport = {
    startedAt,
    node: process.version,
    solver: o.solver,
    timeSeconds: o.timeSeconds,
    seeds: o.seeds,
    rows,
    throughput,
    peakRssMb: peak,
    resultsFile,
  };
  writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

/** The report as a plain-text table. */
export function formatBenchTable(r: BenchReport): string {
  const head = [
    'instance',
    'hard',
    'soft',
    'best',
    'best known (D)',
    'winner avg (B)',
    'gap % (D)',
    '≤ B',
    'feasible after',
  ];
  const lines = [head];
  for (const row of r.rows) {
    const feas = row.seeds
      .map((s) =>
        s.feasibleAfterMs === null
          ? '—'
          : s.feasibleAfterMs < 1000
            ? `${s.feasibleAfterMs} ms`
            : `${(s.feasibleAfterMs / 1000).toFixed(1)} s`,
      )
      .join(',');
    lines.push([
      row.instance,
      String(row.hard),
      row.softMean.toFixed(1),
      String(row.softBest),
      row.bestKnown === null ? '—' : String(row.bestKnown),
      row.winnerAverage === null ? '—' : String(row.winnerAverage),
      row.gapToBestKnownPercent === null
        ? row.softMean === 0
          ? '0.0'
          : '—'
        : row.gapToBestKnownPercent.toFixed(1),
      row.winnerAverage === null || row.hard > 0
        ? '—'
        : row.softMean <= row.winnerAverage
          ? 'yes'
          : 'no',
      feas,
    ]);
  }
  const widths = head.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  const text = lines.map((l) =>
    l.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '),
  );
  const feasible = r.rows.filter((x) => x.hard === 0).length;
  const atOrBelowB = r.rows.filter(
    (x) => x.hard === 0 && x.winnerAverage !== null && x.softMean <= x.winnerAverage,
  ).length;
  text.push('');
  text.push(
    `feasible: ${feasible}/${r.rows.length}; mean soft at or below the winner's average (B): ${atOrBelowB}/${r.rows.length}`,
  );
  text.push(
    `solver ${r.solver}, ${r.timeSeconds} s per run, ${r.seeds} seed(s), one thread, ${r.node}`,
  );
  if (r.throughput)
    text.push(
      `delta evaluations on ${r.throughput.instance}: ${r.throughput.evaluationsPerSecond.toLocaleString('en-US')} per second (one core)`,
    );
  text.push(`peak resident memory: ${r.peakRssMb} MB`);
  text.push(`results: ${r.resultsFile}`);
  return text.join('\n');
}
