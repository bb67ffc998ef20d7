import type { Config } from '../config/index.js';
import type { Database } from '../db/index.js';
import type { ModuleContext, ModuleManifest, SeedOutcome } from '../module-contract/index.js';
import { type SeedLogger, seedDemo } from './demo.js';
import { ensureFirstAdmin } from './first-admin.js';

export { type SeedLogger, seedDemo } from './demo.js';
export { DEMO_ADMIN, DEMO_DOMAIN } from './demo-people.js';
export { ensureFirstAdmin, type FirstAdminOutcome } from './first-admin.js';

/** The demo school is seeded on start when `SEED_DEMO` says so, by default only when embedded. */
export const shouldSeedDemo = (config: Pick<Config, 'SEED_DEMO' | 'DATABASE_URL'>): boolean =>
  config.SEED_DEMO ?? !config.DATABASE_URL;

/** Runs every module's demo seed, in the order of the list; each checks for the demo people itself. */
export async function seedModules(
  db: Database,
  log: SeedLogger,
  manifests: readonly ModuleManifest[],
  context?: ModuleContext,
): Promise<SeedOutcome[]> {
  const outcomes: SeedOutcome[] = [];
  for (const manifest of manifests)
    if (manifest.seed) outcomes.push(await manifest.seed(db, log, context));
  return outcomes;
}

/**
 * What a start does after migrating: the first admin from `ADMIN_EMAIL`/`ADMIN_PASSWORD`, then
 * the demo school (people, then each module's part) when `shouldSeedDemo`.
 */
export async function seedOnStart(
  db: Database,
  config: Config,
  log: SeedLogger,
  manifests: readonly ModuleManifest[] = [],
  context?: ModuleContext,
): Promise<void> {
  if (config.ADMIN_EMAIL && config.ADMIN_PASSWORD) {
    const outcome = await ensureFirstAdmin(db, config.ADMIN_EMAIL, config.ADMIN_PASSWORD);
    if (outcome !== 'exists')
      log.info({ adminEmail: config.ADMIN_EMAIL, outcome }, 'first admin account ready');
  }
  if (!shouldSeedDemo(config)) return;
  await seedDemo(db, log);
  await seedModules(db, log, manifests, context);
}
