import type { Command } from 'commander';
import { registerBenchCommand } from './timetable-bench.js';
import { registerSolveCommand } from './timetable-solve.js';
import { registerValidateCommand } from './timetable-validate.js';

/** `lectern timetable …`: validate, solve and benchmark timetables (ITC-2007 and JSON problems). */
export function registerTimetableCommands(program: Command): void {
  const tt = program.command('timetable').description('course timetabling: validate, solve, bench');
  registerValidateCommand(tt);
  registerSolveCommand(tt);
  registerBenchCommand(tt);
}
