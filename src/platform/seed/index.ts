import type { Config } from '../config/index.js';
import type { Database } from '../db/index.js';
import { type SeedLogger, seedDemo } from './demo.js';
import { ensureFirstAdmin } from './first-admin.js';

export { type SeedLogger, seedDemo } from './demo.js';
export { DEMO_ADMIN, DEMO_DOMAIN } from './demo-people.js';
export { ensureFirstAdmin, type FirstAdminOutcome } from './first-admin.js';

/**
 * What a start does after migrating: the first admin from `ADMIN_EMAIL`/`ADMIN_PASSWORD`, then
 * the demo school (by default only in embedded mode, i.e. without `DATABASE_URL`).
 */
export async function seedOnStart(db: Database, config: Config, log: SeedLogger): Promise<void> {
  if (config.ADMIN_EMAIL && config.ADMIN_PASSWORD) {
    const outcome = await ensureFirstAdmin(db, config.ADMIN_EMAIL, config.ADMIN_PASSWORD);
    if (outcome !== 'exists')
      log.info({ adminEmail: config.ADMIN_EMAIL, outcome }, 'first admin account ready');
  }
  if (config.SEED_DEMO ?? !config.DATABASE_URL) await seedDemo(db, log);
}
