export { type BossDb, bossDbFor, bossDbForExecutor } from './boss-db.js';
export {
  CLEANUP_QUEUE,
  type CleanupResult,
  cleanUp,
  cleanUpEvents,
  EVENTS_CLEANUP_QUEUE,
  type EventsCleanupResult,
} from './cleanup.js';
export { createJobQueueFromConfig, jobsPlatform } from './plugin.js';
export {
  INSTANCE_ID,
  MAX_PROBE_SLEEP_MS,
  PROBE_EVENT,
  PROBE_QUEUE,
  registerProbe,
} from './probe.js';
export {
  createJobQueue,
  deadLetterQueue,
  JOBS_CANCEL_CHANNEL,
  JOBS_CHANNEL,
  type JobQueueOptions,
} from './queue.js';
export { findRecord, type JobRecord, listRecords } from './repository.js';
export { createJobsService, type JobsService } from './service.js';
export type * from './types.js';
