import { Command, CommanderError } from 'commander';
import { registerArchiveCommands } from './commands/archive.js';
import { registerDbCommands } from './commands/db.js';
import { registerEngagementCommands } from './commands/engagement.js';
import { registerFitsCommands } from './commands/fits.js';
import { registerSeedCommand } from './commands/seed.js';
import { registerServeCommand } from './commands/serve.js';
import { registerTimetableCommands } from './commands/timetable.js';
import { registerUserCommands } from './commands/user.js';

/** Builds the `lectern` command tree; each command group registers itself from its own file. */
export function buildCli(): Command {
  const program = new Command('lectern')
    .description('Lectern: the teaching side of a school, as one service')
    .showHelpAfterError()
    .exitOverride();
  registerServeCommand(program);
  registerDbCommands(program);
  registerSeedCommand(program);
  registerUserCommands(program);
  registerTimetableCommands(program);
  registerFitsCommands(program);
  registerArchiveCommands(program);
  registerEngagementCommands(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; every usage error exits 2 (commander's message is already printed).
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    console.error(`lectern: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}

await main(process.argv);
