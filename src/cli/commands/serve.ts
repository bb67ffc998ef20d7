import type { Command } from 'commander';
import { startTracing } from '#platform/observability/tracing.js';
import { cliConfig } from '../context.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the HTTP server (the same as `npm start`)')
    .option('-p, --port <port>', 'port to listen on (overrides PORT)')
    .option('-H, --host <host>', 'interface to listen on (overrides HOST)')
    .option('--no-migrate', 'do not apply pending migrations at start')
    .action(async (options: { port?: string; host?: string; migrate: boolean }) => {
      const config = cliConfig({
        PORT: options.port,
        HOST: options.host,
        MIGRATE_ON_START: options.migrate ? undefined : 'false',
      });
      const stopTracing = await startTracing(config);
      // Imported only now: other commands do not pay for the whole server, and tracing (when on)
      // instruments http, pg and fastify as they load.
      const { startServer } = await import('../../server.js');
      await startServer(config, stopTracing ? { afterClose: stopTracing } : {});
    });
}
