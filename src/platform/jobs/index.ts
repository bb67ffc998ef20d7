export { type BossDb, bossDbFor, bossDbForExecutor } from './boss-db.js';
export {
  createJobQueue,
  deadLetterQueue,
  JOBS_CANCEL_CHANNEL,
  JOBS_CHANNEL,
  type JobQueueOptions,
} from './queue.js';
export { findRecord, type JobRecord, listRecords } from './repository.js';
export type * from './types.js';
