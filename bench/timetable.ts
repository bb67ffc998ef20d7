// `npm run bench -- timetable [--time S] [--seeds N] [--only comp01,comp07] …`: the same benchmark as
// `lectern timetable bench`, run from the bench folder.
import { Command } from 'commander';
import { addBenchOptions, runBenchCli } from '../src/cli/commands/timetable-bench.js';

const program = addBenchOptions(
  new Command('timetable').description('ITC-2007 timetabling benchmark'),
).action(runBenchCli);
await program.parseAsync(process.argv);
