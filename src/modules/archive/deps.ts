import type { Cache } from '#platform/cache/index.js';
import type { Clock } from '#platform/clock/index.js';
import type { Config } from '#platform/config/index.js';
import type { Database } from '#platform/db/index.js';
import type { Storage } from '#platform/storage/index.js';
import type { BatchService } from './batches/service.js';
import type { FitsPool } from './fits-io/index.js';
import type { ImageService, RenderService } from './images/index.js';

/** What the archive's parts are built from. */
export interface ArchiveDeps {
  config: Config;
  db: Database;
  cache: Cache;
  storage: Storage;
  clock: Clock;
  fitsPool: FitsPool;
  images: ImageService;
  renders: RenderService;
  batches: BatchService;
}
