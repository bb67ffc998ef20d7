import type { Command } from 'commander';
import { migrateUp, migrationStatus, redactUrl, rollbackLast } from '#platform/db/index.js';
import { cliConfig, withDatabase } from '../context.js';

function describeTarget(url: string | undefined, dataDir: string): string {
  return url ? redactUrl(url) : `embedded PGlite in ${dataDir}`;
}

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('database migrations');

  db.command('migrate')
    .description('apply every pending migration')
    .action(async () => {
      const config = cliConfig();
      const applied = await withDatabase(config, (h) => migrateUp(h.db));
      const target = describeTarget(config.DATABASE_URL, config.DATA_DIR);
      if (applied.length === 0) console.log(`${target}: already up to date`);
      for (const tag of applied) console.log(`applied ${tag}`);
    });

  db.command('status')
    .description('list applied and pending migrations')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const config = cliConfig();
      const status = await withDatabase(config, (h) => migrationStatus(h.db));
      if (options.json) {
        console.log(JSON.stringify(status, null, 2));
        return;
      }
      console.log(describeTarget(config.DATABASE_URL, config.DATA_DIR));
      for (const s of status) {
        const state = s.applied ? `applied ${s.appliedAt?.toISOString()}` : 'pending';
        console.log(
          `  ${s.tag.padEnd(32)} ${state}${s.modified ? '  (file changed since applied!)' : ''}`,
        );
      }
      const pending = status.filter((s) => !s.applied).length;
      console.log(`${status.length - pending} applied, ${pending} pending`);
    });

  db.command('rollback')
    .description('undo the last applied migration with its down script')
    .action(async () => {
      const config = cliConfig();
      const tag = await withDatabase(config, (h) => rollbackLast(h.db));
      console.log(tag ? `rolled back ${tag}` : 'nothing to roll back');
    });
}
