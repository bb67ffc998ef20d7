import { writeAudit } from '#platform/audit/writer.js';
import { requireAccess } from '#platform/auth/access.js';
import type { Principal } from '#platform/auth/principal.js';
import { revokeUserSessions } from '#platform/auth/repository.js';
import type { Revocations } from '#platform/auth/revocations.js';
import type { Cache } from '#platform/cache/index.js';
import type { Clock } from '#platform/clock/index.js';
import { type Database, type Executor, inTransaction } from '#platform/db/index.js';
import { conflict, notFound } from '#platform/errors/index.js';
import { appendEvent } from '#platform/events/index.js';
import { toUserDto, type UserDto } from '#platform/users/dto.js';
import * as usersRepo from '#platform/users/repository.js';
import { userCacheTag } from '#platform/users/service.js';
import { erasedEmail, isErased } from '../users/erased.js';
import { toPlatformExport } from './dto.js';
import type { ModuleGdpr } from './hooks.js';
import * as repo from './repository.js';

/** The email an erased account keeps: unique (the id), reserved (`.invalid`), nobody's. */

export function createGdprService({
  db,
  cache,
  revocations,
  modules,
  clock,
}: {
  db: Database;
  clock: Clock;
  cache: Cache;
  /** Erasure ends the user's sessions and keys in every process through this. */
  revocations: Pick<Revocations, 'publish'>;
  /** Every module's hooks, called in this order. */
  modules: readonly ModuleGdpr[];
}) {
  async function requireUser(executor: Executor, id: string) {
    const row = await usersRepo.findUserById(executor, id);
    if (!row) throw notFound('User', 'USER_NOT_FOUND');
    return row;
  }

  return {
    /**
     * Everything Lectern holds about a user (GDPR art. 15), read in one transaction: the
     * account, sessions, API keys, audit rows by or about them, jobs, files and each module's
     * part under its name. The user themselves or an admin (`users:manage`). Audited.
     */
    async export(principal: Principal | null, id: string) {
      requireAccess(principal, 'users:manage', { ownerId: id });
      return inTransaction(db, async ({ tx }) => {
        const user = await requireUser(tx, id);
        const platform = toPlatformExport({
          sessions: await repo.sessionsOf(tx, id),
          apiKeys: await repo.apiKeysOf(tx, id),
          audit: await repo.auditOf(tx, id),
          jobs: await repo.jobsOf(tx, id),
          files: await repo.filesOf(tx, id),
        });
        const parts: Record<string, Record<string, unknown>> = {};
        for (const { module, hooks } of modules) parts[module] = await hooks.export(id, tx);
        await writeAudit(tx, {
          action: 'user.exported',
          resourceType: 'user',
          resourceId: id,
          details: { modules: modules.map((m) => m.module) },
        });
        return { user: toUserDto(user), ...platform, modules: parts };
      });
    },

    /**
     * Erases a user's personal data (GDPR art. 17) in one transaction: every module's hook,
     * then the platform's own part; the account row stays, anonymised and disabled, so that
     * what refers to its id (anonymised reviews, audit rows, events) points to nobody. Sessions
     * and API keys end in every process before this answers. The last enabled admin cannot be
     * erased (409 `LAST_ADMIN`). Erasing again changes nothing more and answers the same.
     */
    async erase(principal: Principal | null, id: string): Promise<UserDto> {
      const caller = requireAccess(principal, 'users:manage');
      return inTransaction(db, async ({ tx, afterCommit }) => {
        const before = await requireUser(tx, id);
        if (before.roles.includes('admin') && before.disabledAt === null) {
          const admins = await usersRepo.lockActiveAdmins(tx);
          if (admins.every((admin) => admin === id))
            throw conflict(
              'This is the last admin; make someone else admin before erasing this one',
              'LAST_ADMIN',
            );
        }
        const repeated = isErased(before);
        const ended = await revokeUserSessions(tx, id, 'user_erased', clock.now());
        await repo.deleteSessionsOf(tx, id);
        const keys = await repo.deleteApiKeysOf(tx, id);
        const tags = [userCacheTag(id)];
        for (const { hooks } of modules) {
          const erased = await hooks.erase(id, tx);
          tags.push(...(erased?.invalidateTags ?? []));
        }
        await repo.deleteRolesOf(tx, id);
        await repo.detachUser(tx, id);
        await repo.deleteTracesOf(tx, before, keys);
        await repo.scrubAudit(tx, before);
        // Once anonymised, the row stays as it is: a repeated erasure answers the same user.
        if (!repeated) await usersRepo.anonymiseUser(tx, id, erasedEmail(id), caller.userId);
        afterCommit(() => cache.invalidateTags(tags));
        afterCommit(() => revocations.publish({ users: [id], sessions: ended }));
        // Only ids: the event reaches webhooks and the event log, which must not learn who it was.
        if (!repeated)
          await appendEvent(tx, {
            type: 'user.erased',
            subjectType: 'user',
            subjectId: id,
            actorId: caller.userId,
            data: {},
          });
        await writeAudit(tx, {
          action: 'user.erased',
          resourceType: 'user',
          resourceId: id,
          details: {
            modules: modules.map((m) => m.module),
            repeated,
            revokedSessions: ended.length,
            deletedApiKeys: keys.length,
          },
        });
        return toUserDto((await usersRepo.findUserById(tx, id))!);
      });
    },
  };
}

export type GdprService = ReturnType<typeof createGdprService>;
