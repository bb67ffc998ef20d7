import { Command, CommanderError } from 'commander';
import { registerFitsCommands } from './commands/fits.js';
import { registerTimetableCommands } from './commands/timetable.js';

/** Builds the `lectern` command tree; each command group registers itself from its own file. */
export function buildCli(): Command {
  const program = new Command('lectern')
    .description('Lectern: the teaching side of a school, as one service')
    .showHelpAfterError()
    .exitOverride();
  registerTimetableCommands(program);
  registerFitsCommands(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    console.error(`lectern: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}

await main(process.argv);
