import type { Database } from '../db/index.js';
import { purgeExpired } from './repository.js';
import { FAILURE_MEMORY_SECONDS } from './throttle.js';

/**
 * Removes dead sessions (with their refresh tokens) and stale login-failure counters; meant for
 * the nightly clean-up job. Sessions stay `keepDays` after they end so users and auditors can
 * still see recent ones.
 */
export function purgeExpiredAuthData(
  db: Database,
  keepDays = 30,
): Promise<{ sessions: number; failures: number }> {
  return purgeExpired(db, keepDays, FAILURE_MEMORY_SECONDS);
}
