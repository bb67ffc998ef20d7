import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  compile,
  evaluatePlacements,
  parseCtt,
  readItcSolution,
} from '#modules/timetabling/engine/index.js';

const SHOWN_VIOLATIONS = 20;

export function registerValidateCommand(tt: Command): void {
  tt.command('validate')
    .description('evaluate an ITC-2007 solution like the official validator (exit 1 if infeasible)')
    .argument('<instance>', 'instance file (.ctt)')
    .argument('<solution>', 'solution file: "course room day slot" per line, 0-based')
    .option('--json', 'print {"hard","soft","breakdown","violations"} as JSON')
    .action((instanceFile: string, solutionFile: string, options: { json?: boolean }) => {
      const c = compile(parseCtt(readFileSync(instanceFile, 'utf8')));
      const read = readItcSolution(c, readFileSync(solutionFile, 'utf8'));
      const e = evaluatePlacements(c, read.placements);
      if (options.json) {
        process.stdout.write(
          `${JSON.stringify({ hard: e.hard, soft: e.soft, breakdown: e.breakdown, violations: e.violations, warnings: read.warnings }, null, 2)}\n`,
        );
      } else {
        for (const w of read.warnings) process.stderr.write(`warning: ${w}\n`);
        const lines = [
          `${c.problem.name}: hard ${e.hard}, soft ${e.soft}${e.hard === 0 ? ' (feasible)' : ' (INFEASIBLE)'}`,
        ];
        for (const [id, b] of Object.entries(e.breakdown)) {
          const weighted = b.kind === 'soft' ? `  × ${b.weight} = ${b.cost}` : '';
          lines.push(`  ${id.padEnd(30)} ${String(b.count).padStart(6)}${weighted}`);
        }
        if (e.violations.length > 0) {
          lines.push(
            `first violations (${Math.min(SHOWN_VIOLATIONS, e.violations.length)} of ${e.violations.length}):`,
          );
          for (const v of e.violations.slice(0, SHOWN_VIOLATIONS))
            lines.push(`  [${v.constraint}] ${v.message}`);
        }
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      if (e.hard > 0) process.exitCode = 1;
    });
}
