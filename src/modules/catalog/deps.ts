import type { Cache } from '#platform/cache/index.js';
import type { Clock } from '#platform/clock/index.js';
import type { Config } from '#platform/config/index.js';
import type { Database } from '#platform/db/index.js';
import type { EventDispatcher } from '#platform/events/index.js';
import type { JobQueue } from '#platform/jobs/index.js';
import type { Realtime } from '#platform/realtime/index.js';
import type { Storage } from '#platform/storage/index.js';

/** What the catalog's parts are built from; each part takes only what it uses. */
export interface CatalogDeps {
  config: Config;
  db: Database;
  cache: Cache;
  jobs: JobQueue;
  events: EventDispatcher;
  realtime: Realtime;
  storage: Storage;
  /** Where catalog services and repositories read the time (`app.lectern.clock`). */
  clock: Clock;
}
