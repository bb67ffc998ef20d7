import type { Command } from 'commander';
import { SOLVER_NAMES, type SolverName } from '#modules/timetabling/engine/index.js';
import { formatBenchTable, runBenchmark } from '#modules/timetabling/runner/index.js';
import { numberOption } from './timetable-load.js';

interface BenchCliOptions {
  instances: string;
  time: number;
  seeds: number;
  solver: string;
  only?: string;
  results: string;
  throughput: number;
}

/** Options shared by `lectern timetable bench` and `npm run bench -- timetable`. */
export function addBenchOptions(cmd: Command): Command {
  return cmd
    .option(
      '--instances <dir>',
      'folder with the .ctt instances (and BEST_KNOWN.md)',
      '../shared/data/itc2007-ctt',
    )
    .option('--time <seconds>', 'time limit per run', numberOption('--time', { min: 0.001 }), 60)
    .option(
      '--seeds <n>',
      'runs per instance (seeds 1..n)',
      numberOption('--seeds', { integer: true, min: 1 }),
      1,
    )
    .option('--solver <name>', `one of ${SOLVER_NAMES.join(', ')}`, 'hybrid')
    .option('--only <names>', 'comma-separated instance names, e.g. comp01,comp07')
    .option('--results <dir>', 'where to write the JSON results', 'bench/results')
    .option(
      '--throughput <seconds>',
      'seconds of delta evaluation on comp07 (0 = skip)',
      numberOption('--throughput', { min: 0 }),
      3,
    );
}

export async function runBenchCli(o: BenchCliOptions): Promise<void> {
  if (!SOLVER_NAMES.includes(o.solver as SolverName))
    throw new Error(`unknown solver "${o.solver}"`);
  const report = await runBenchmark({
    instancesDir: o.instances,
    timeSeconds: o.time,
    seeds: o.seeds,
    solver: o.solver as SolverName,
    only: o.only ? o.only.split(',').map((s) => s.trim()) : [],
    resultsDir: o.results,
    throughputSeconds: o.throughput,
    onInstanceStart: (name, seed) => process.stderr.write(`${name} seed ${seed} …\n`),
  });
  process.stdout.write(`${formatBenchTable(report)}\n`);
}

export function registerBenchCommand(tt: Command): void {
  addBenchOptions(
    tt
      .command('bench')
      .description(
        'solve the ITC-2007 instances and compare with the best-known and winner figures',
      ),
  ).action(runBenchCli);
}
