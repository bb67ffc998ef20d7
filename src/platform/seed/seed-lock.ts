import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.js';

const SEED_LOCK_KEY = 727_002; // any constant; distinct from the migration lock

/**
 * Serialises seeding across processes starting together on one PostgreSQL: held until the
 * transaction ends, so the second process sees the first one's users and does nothing.
 */
export async function lockSeeding(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
}
