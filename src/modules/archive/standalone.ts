import pino from 'pino';
import type { Principal } from '#platform/auth/index.js';
import { createCache } from '#platform/cache/index.js';
import { systemClock } from '#platform/clock/index.js';
import type { Config } from '#platform/config/index.js';
import type { Database } from '#platform/db/index.js';
import { createStorageFromConfig } from '#platform/storage/index.js';
import { createConcurrencyLimit } from '#platform/workers/concurrency-limit.js';
import { createImageService } from './images/index.js';

/** The operator at the command line: reads the whole archive, as an archive manager would. */
export const OPERATOR: Principal = {
  type: 'user',
  userId: '00000000-0000-0000-0000-000000000000',
  roles: [],
  permissions: new Set(['archive:read', 'archive:manage']),
};

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
  const images = createImageService({
    db,
    cache,
    storage,
    clock: systemClock,
    fitsLimit: createConcurrencyLimit(config.ARCHIVE_WORKER_THREADS),
    requireChecksum: config.ARCHIVE_REQUIRE_CHECKSUM,
  });
  return { images, storage, close: () => cache.close() };
}
