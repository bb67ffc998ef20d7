import pino from 'pino';
import { operatorPrincipal } from '#platform/auth/index.js';
import { createCache } from '#platform/cache/index.js';
import { systemClock } from '#platform/clock/index.js';
import type { Config } from '#platform/config/index.js';
import type { Database } from '#platform/db/index.js';
import { createStorageFromConfig } from '#platform/storage/index.js';
import { createFitsPool } from './fits-io/index.js';
import { createImageService } from './images/index.js';

/** The operator at the command line: reads the whole archive, as an archive manager would. */
export const OPERATOR = operatorPrincipal(['archive:read', 'archive:manage']);

/**
 * The archive's image service outside a running server (the `lectern archive` commands): the
 * same ingest and search, on the configured database and storage, with an in-process cache.
 */
export function standaloneArchive(config: Config, db: Database) {
  const log = pino({ level: 'warn' }, pino.destination(2));
  const storage = createStorageFromConfig(config, log);
  const cache = createCache({
    maxEntries: 1000,
    defaultTtlSeconds: config.CACHE_DEFAULT_TTL_SECONDS,
    log,
  });
  const fitsPool = createFitsPool(config.ARCHIVE_WORKER_THREADS);
  const images = createImageService({
    db,
    cache,
    storage,
    clock: systemClock,
    fitsPool,
    requireChecksum: config.ARCHIVE_REQUIRE_CHECKSUM,
  });
  return {
    images,
    storage,
    close: async () => {
      await fitsPool.close();
      await cache.close();
    },
  };
}
