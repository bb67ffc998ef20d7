import type { Command } from 'commander';
import pino from 'pino';
import { migrateUp } from '../../platform/db/index.js';
import { seedDemo } from '../../platform/seed/index.js';
import { cliConfig, withDatabase } from '../context.js';

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description(
      'add the demo school (an admin, two instructors, twenty learners) to an empty database',
    )
    .action(async () => {
      const config = cliConfig();
      const result = await withDatabase(config, async (database) => {
        await migrateUp(database.db);
        // The seed prints the demo login itself, once, through this logger.
        return seedDemo(database.db, pino({ level: 'info' }, pino.destination(2)));
      });
      if (!result) console.log('the database already has users; nothing seeded');
      else
        console.log(
          `seeded; sign in as ${result.adminEmail} with password ${result.adminPassword}`,
        );
    });
}
