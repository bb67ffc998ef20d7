import type { ModuleContext } from '#platform/module-contract/index.js';
import { createConcurrencyLimit } from '#platform/workers/concurrency-limit.js';
import { createBatchService } from './batches/service.js';
import type { ArchiveDeps } from './deps.js';
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
  const fitsLimit = createConcurrencyLimit(config.ARCHIVE_WORKER_THREADS);
  const images = createImageService({
    db,
    cache,
    storage,
    clock,
    fitsLimit,
    requireChecksum: config.ARCHIVE_REQUIRE_CHECKSUM,
  });
  const renders = createRenderService({ db, cache, storage, fitsLimit });
  const batches = createBatchService({
    db,
    jobs,
    realtime,
    storage,
    clock,
    images,
    importDir: config.ARCHIVE_IMPORT_DIR,
  });
  const deps = { config, db, cache, storage, clock, fitsLimit, images, renders, batches };
  built.set(context, deps);
  return deps;
}
