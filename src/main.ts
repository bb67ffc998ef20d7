import 'dotenv/config';
import { ConfigError, loadConfig } from './platform/config/index.js';
import { startServer } from './server.js';

/** Process entry (`npm start`): config → app → listen. */
try {
  await startServer(loadConfig(process.env));
} catch (err) {
  const message =
    err instanceof ConfigError ? err.message : `failed to start: ${(err as Error).message}`;
  process.stderr.write(`lectern: ${message}\n`);
  process.exit(1);
}
