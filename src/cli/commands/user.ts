import { type Command, InvalidArgumentError, Option } from 'commander';
import { ROLES } from '#platform/auth/permissions.js';
import { migrateUp } from '#platform/db/index.js';
import { AppError } from '#platform/errors/index.js';
import { createUser } from '#platform/users/index.js';
import { cliConfig, withDatabase } from '../context.js';

function collectRole(value: string, previous: string[] = []): string[] {
  if (!(ROLES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`must be one of ${ROLES.join(', ')}`);
  return [...previous, value];
}

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('user accounts');

  user
    .command('create')
    .description('create a user (e.g. the first admin)')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--password <password>', 'at least 10 characters, not a common password')
    .option('--name <name>', 'display name (defaults to the part of the email before @)')
    .addOption(
      new Option('--role <role>', `role to grant; repeat for several (${ROLES.join(', ')})`)
        .argParser(collectRole)
        .default(undefined),
    )
    .action(
      async (options: { email: string; password: string; name?: string; role?: string[] }) => {
        const config = cliConfig();
        const roles = (options.role ?? ['learner']) as (typeof ROLES)[number][];
        try {
          const created = await withDatabase(config, async (database) => {
            await migrateUp(database.db);
            return createUser(database.db, {
              email: options.email,
              password: options.password,
              name: options.name ?? options.email.split('@')[0]!,
              roles,
            });
          });
          console.log(
            `created user ${created.id} <${created.email}> with roles ${created.roles.join(', ')}`,
          );
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          const details = err.details?.map((d) => `\n  ${d.message}`).join('') ?? '';
          console.error(`lectern: ${err.message} (${err.code})${details}`);
          process.exitCode = 1;
        }
      },
    );
}
