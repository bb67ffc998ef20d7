import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  compile,
  SOLVER_NAMES,
  type SolverName,
  toJsonSolution,
  writeItcSolution,
} from '#modules/timetabling/engine/index.js';
import { solve } from '#modules/timetabling/runner/index.js';
import { solveTerm, TERM_SOLVE_NOTE } from './timetable-db-solve.js';
import { loadProblem, numberOption } from './timetable-load.js';
import { createProgressLine } from './timetable-progress.js';

interface SolveCliOptions {
  solver: string;
  time: number;
  seed: number;
  threads?: number;
  maxIterations?: number;
  out?: string;
  progress: boolean;
  term?: string;
}

export function registerSolveCommand(tt: Command): void {
  tt.command('solve')
    .description('solve an ITC-2007 instance (.ctt) or a JSON problem (.json)')
    .argument('[problem]', 'instance.ctt or problem.json (engine only, no database)')
    .option('--term <id>', 'solve a term stored in the database instead (see below)')
    .addHelpText('after', `\n${TERM_SOLVE_NOTE}`)
    .option('--solver <name>', `one of ${SOLVER_NAMES.join(', ')}`, 'hybrid')
    .option('--time <seconds>', 'time limit in seconds', numberOption('--time', { min: 0.001 }), 60)
    .option('--seed <n>', 'random seed', numberOption('--seed', { integer: true }), 1)
    .option(
      '--threads <n>',
      'worker threads; > 1 runs the portfolio solver',
      numberOption('--threads', { integer: true, min: 1 }),
    )
    .option(
      '--max-iterations <n>',
      'iteration budget (reproducible runs)',
      numberOption('--max-iterations', { integer: true, min: 1 }),
    )
    .option(
      '--out <file>',
      'write the solution here (official format for .ctt, JSON for .json); default stdout',
    )
    .option('--no-progress', 'no live progress line on stderr')
    .action(async (file: string | undefined, o: SolveCliOptions) => {
      if (!SOLVER_NAMES.includes(o.solver as SolverName)) {
        tt.error(
          `error: unknown solver "${o.solver}" (expected one of ${SOLVER_NAMES.join(', ')})`,
          { exitCode: 2 },
        );
      }
      const solver = (o.threads && o.threads > 1 ? 'portfolio' : o.solver) as SolverName;
      if (o.term) return solveTerm(o.term, { ...o, solver });
      if (!file) return tt.error('error: give a problem file, or --term <id>', { exitCode: 2 });
      const { problem, kind } = loadProblem(file);
      const timeLimitMs = o.time * 1000;
      const line = o.progress ? createProgressLine(timeLimitMs) : null;
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.once('SIGINT', onSigint);
      const result = await solve(problem, {
        solver,
        timeLimitMs,
        seed: o.seed,
        threads: o.threads,
        maxIterations: o.maxIterations,
        signal: controller.signal,
        onProgress: line ? (p) => line.update(p) : undefined,
      }).finally(() => {
        line?.stop();
        process.off('SIGINT', onSigint);
      });
      const c = compile(problem);
      const text =
        kind === 'ctt'
          ? writeItcSolution(c, result.assignment)
          : `${JSON.stringify(toJsonSolution(c, result), null, 2)}\n`;
      if (o.out) writeFileSync(o.out, text);
      else process.stdout.write(text);
      const summary = `${problem.name}: hard ${result.hard}, soft ${result.soft} (${result.solver}, seed ${result.seed}, ${(result.elapsedMs / 1000).toFixed(1)} s, ${result.iterations} iterations, ${result.evaluationsPerSecond} evaluations/s)`;
      process.stderr.write(`${summary}\n`);
      if (o.out) process.stdout.write(`${summary}\nwrote ${o.out}\n`);
      if (result.hard > 0) process.exitCode = 1;
    });
}
