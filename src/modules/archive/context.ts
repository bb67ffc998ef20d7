import type { ModuleContext } from '#platform/module-contract/index.js';
import { createBatchService } from './batches/service.js';
import type { ArchiveDeps } from './deps.js';
import { createFitsPool } from './fits-io/index.js';
import { createImageService, createRenderService } from './images/index.js';

const built = new WeakMap<ModuleContext, ArchiveDeps>();

/**
 * The archive's services for an app, built once: its plugin, jobs and seed share them, and so
 * one bound on FITS worker threads (`ARCHIVE_WORKER_THREADS`) holds for the whole process.
 */
export function archiveDepsFor(context: ModuleContext): ArchiveDeps {
  const existing = built.get(context);
  if (existing) return existing;
  const { config, database, cache, storage, clock, jobs, realtime } = context;
  const db = database.db;
  const fitsPool = createFitsPool(config.ARCHIVE_WORKER_THREADS);
  const images = createImageService({
    db,
    cache,
    storage,
    clock,
    fitsPool,
    requireChecksum: config.ARCHIVE_REQUIRE_CHECKSUM,
  });
  const renders = createRenderService({ db, cache, storage, fitsPool });
  const batches = createBatchService({
    db,
    jobs,
    realtime,
    storage,
    clock,
    images,
    importDir: config.ARCHIVE_IMPORT_DIR,
  });
  const deps = { config, db, cache, storage, clock, fitsPool, images, renders, batches };
  built.set(context, deps);
  return deps;
}
