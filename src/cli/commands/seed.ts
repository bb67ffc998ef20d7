import type { Command } from 'commander';
import pino from 'pino';
import { migrateUp } from '#platform/db/index.js';
import { seedDemo, seedModules } from '#platform/seed/index.js';
import { cliConfig, withDatabase } from '../context.js';

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description(
      'add the demo school (an admin, two instructors, twenty learners) and its demo catalog to an empty database',
    )
    .action(async () => {
      const config = cliConfig();
      // Loaded here, not at the top: every other command would pay for importing every module.
      const { appModules } = await import('#modules/index.js');
      const { result, modules } = await withDatabase(config, async (database) => {
        await migrateUp(database.db);
        // The seed prints the demo login itself, once, through this logger.
        const log = pino({ level: 'info' }, pino.destination(2));
        const result = await seedDemo(database.db, log);
        // Also when the people were already there: each module's seed checks for them itself.
        return { result, modules: await seedModules(database.db, log, appModules) };
      });
      if (!result) console.log('the database already has users; nothing seeded');
      else
        console.log(
          `seeded; sign in as ${result.adminEmail} with password ${result.adminPassword}`,
        );
      for (const outcome of modules) console.log(outcome.message);
    });
}
