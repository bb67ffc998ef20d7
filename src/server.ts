import closeWithGrace from 'close-with-grace';
import type { Config } from '#platform/config/index.js';
import { buildApp } from './app.js';

/**
 * Builds the app and listens; SIGTERM/SIGINT stop accepting connections, let in-flight requests
 * finish within SHUTDOWN_TIMEOUT_MS and close the pools, then exit 0.
 */
export async function startServer(
  config: Config,
  { afterClose }: { afterClose?: () => Promise<void> } = {},
) {
  const app = await buildApp({ config });
  closeWithGrace({ delay: config.SHUTDOWN_TIMEOUT_MS }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'fatal error; shutting down');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
    // e.g. flushing the last spans: close-with-grace exits the process right after this.
    await afterClose?.();
  });
  await app.listen({ host: config.HOST, port: config.PORT });
  return app;
}
