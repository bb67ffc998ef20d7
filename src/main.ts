import 'dotenv/config';
import { ConfigError, loadConfig } from '#platform/config/index.js';
import { startTracing } from '#platform/observability/tracing.js';

/** Process entry (`npm start`): config → tracing → app → listen. */
try {
  const config = loadConfig(process.env);
  const stopTracing = await startTracing(config);
  // Imported only now, so that tracing (when on) instruments http, pg and fastify as they load.
  const { startServer } = await import('./server.js');
  await startServer(config, stopTracing ? { afterClose: stopTracing } : {});
} catch (err) {
  const message =
    err instanceof ConfigError ? err.message : `failed to start: ${(err as Error).message}`;
  process.stderr.write(`lectern: ${message}\n`);
  process.exit(1);
}
