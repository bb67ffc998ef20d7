import { hashPassword } from '../auth/passwords.js';
import { randomToken } from '../auth/tokens.js';
import { type Database, inTransaction } from '../db/index.js';
import * as usersRepo from '../users/repository.js';
import { insertNewUser } from '../users/service.js';
import { DEMO_ADMIN, DEMO_INSTRUCTORS, DEMO_LEARNERS } from './demo-people.js';
import { lockSeeding } from './seed-lock.js';

export interface SeedLogger {
  info(object: object, message: string): void;
}

/**
 * Seeds the demo school (an admin, two instructors, twenty learners) into an empty database
 * and logs the admin login once. Does nothing when any user exists, so it is safe on every start.
 */
export async function seedDemo(
  db: Database,
  log: SeedLogger,
): Promise<{ adminEmail: string; adminPassword: string } | null> {
  if ((await usersRepo.countUsers(db)) > 0) return null;
  const adminPassword = `demo-${randomToken(12)}`;
  // One hash for every demo account: hashing 23 times would slow the first start for nothing.
  const passwordHash = await hashPassword(adminPassword);
  const seeded = await inTransaction(db, async ({ tx }) => {
    // Another process may have seeded between the count and this transaction.
    await lockSeeding(tx);
    if ((await usersRepo.countUsers(tx)) > 0) return false;
    const people = [
      { ...DEMO_ADMIN, roles: ['admin' as const] },
      ...DEMO_INSTRUCTORS.map((p) => ({ ...p, roles: ['instructor' as const] })),
      ...DEMO_LEARNERS.map((p) => ({ ...p, roles: ['learner' as const] })),
    ];
    for (const person of people)
      await insertNewUser(tx, { ...person, password: '', passwordHash }, null);
    return true;
  });
  if (!seeded) return null;
  log.info(
    { adminEmail: DEMO_ADMIN.email, users: 23 },
    `Demo school seeded. Sign in as ${DEMO_ADMIN.email} with password ${adminPassword} (every demo account uses this password; it is not shown again)`,
  );
  return { adminEmail: DEMO_ADMIN.email, adminPassword };
}
