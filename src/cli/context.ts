import 'dotenv/config';
import type { Config } from '#platform/config/index.js';
import { loadConfig } from '#platform/config/index.js';
import { type DatabaseHandle, openDatabase, pgliteDirFor } from '#platform/db/index.js';

/** The configuration from the environment (and `.env`); a bad value ends the command with its message. */
export function cliConfig(overrides: Record<string, string | undefined> = {}): Config {
  const env = { ...process.env };
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) env[key] = value;
  return loadConfig(env);
}

/** Opens the configured database for a command and closes it afterwards, whatever happens. */
export async function withDatabase<T>(
  config: Config,
  work: (database: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const database = await openDatabase({
    url: config.DATABASE_URL,
    pgliteDir: pgliteDirFor(config.DATA_DIR),
    poolMax: 2,
    connectTimeoutSeconds: config.DB_CONNECT_TIMEOUT,
  });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
