import { writeAudit } from '../audit/writer.js';
import { type Database, inTransaction } from '../db/index.js';
import * as usersRepo from '../users/repository.js';
import { assertStrongPassword, insertNewUser } from '../users/service.js';
import { lockSeeding } from './seed-lock.js';

export type FirstAdminOutcome = 'created' | 'promoted' | 'exists';

/**
 * Makes sure the school has an admin: when none exists, the account `email` is created as admin
 * (or, if it already exists, given the admin role). Does nothing once any admin exists.
 */
export async function ensureFirstAdmin(
  db: Database,
  email: string,
  password: string,
): Promise<FirstAdminOutcome> {
  assertStrongPassword(password, '/ADMIN_PASSWORD');
  return inTransaction(db, async ({ tx }) => {
    await lockSeeding(tx);
    if (await usersRepo.anyAdmin(tx)) return 'exists';
    const existing = await usersRepo.findUserByEmail(tx, email);
    if (existing) {
      await usersRepo.insertRoles(tx, existing.id, ['admin'], null);
      await writeAudit(tx, {
        action: 'user.roles_changed',
        resourceType: 'user',
        resourceId: existing.id,
        actorId: null,
        details: { before: existing.roles, after: [...new Set([...existing.roles, 'admin'])] },
      });
      return 'promoted';
    }
    await insertNewUser(tx, { email, password, name: 'Administrator', roles: ['admin'] }, null);
    return 'created';
  });
}
