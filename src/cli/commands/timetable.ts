import type { Command } from 'commander';
import { registerBenchCommand } from './timetable-bench.js';
import { registerTimetableDbCommands } from './timetable-db.js';
import { registerSolveCommand } from './timetable-solve.js';
import { registerValidateCommand } from './timetable-validate.js';

/** `lectern timetable …`: validate, solve and benchmark timetables (ITC-2007 and JSON problems). */
export function registerTimetableCommands(program: Command): void {
  const tt = program
    .command('timetable')
    .description('course timetabling: validate, solve, bench; import, export');
  registerValidateCommand(tt);
  registerSolveCommand(tt);
  registerBenchCommand(tt);
  registerTimetableDbCommands(tt);
}
