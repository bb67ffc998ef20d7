import type { DatabaseHandle } from '#platform/db/index.js';
import { migrateUp } from '#platform/db/index.js';
import { AppError } from '#platform/errors/index.js';
import { cliConfig, withDatabase } from '../context.js';

/** Said by every command that works on the configured database. */
export const DB_NOTE =
  'Works on the configured database (DATABASE_URL, or the embedded PGlite under DATA_DIR); an ' +
  'embedded database cannot be opened while a server holds the same DATA_DIR: stop it first.';

const why = (error: unknown) =>
  error instanceof AppError
    ? `${error.message} [${error.code}]${error.details?.length ? `: ${error.details.map((d) => `${d.path} ${d.message}`).join('; ')}` : ''}`
    : error instanceof Error
      ? error.message
      : String(error);

/**
 * Runs a command's work on the migrated database; an application error (unknown term, invalid
 * file, …) ends it with its message and exit code 1.
 */
export async function onDatabase(
  command: string,
  work: (database: DatabaseHandle) => Promise<void>,
): Promise<void> {
  const config = cliConfig();
  try {
    await withDatabase(config, async (database) => {
      await migrateUp(database.db);
      await work(database);
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    console.error(`lectern timetable ${command}: ${why(error)}`);
    process.exitCode = 1;
  }
}
