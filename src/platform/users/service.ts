import type { Static } from 'typebox';
import { writeAudit } from '../audit/writer.js';
import { type Auth, requireAccess } from '../auth/access.js';
import { hashPassword, passwordProblems } from '../auth/passwords.js';
import { isRole, type Role } from '../auth/permissions.js';
import { revokeUserSessions } from '../auth/repository.js';
import type { Revocations } from '../auth/revocations.js';
import type { Cache } from '../cache/index.js';
import type { Clock } from '../clock/index.js';
import {
  assertVersion,
  type Database,
  type Executor,
  type ExpectedVersion,
  inTransaction,
  isUniqueViolation,
  staleVersion,
} from '../db/index.js';
import { conflict, notFound, validationError } from '../errors/index.js';
import { appendEvent } from '../events/index.js';
import { decodeIdCursor, type Page, pageOf } from '../http/pagination.js';
import { toUserDto, type UserDto } from './dto.js';
import { isErased } from './erased.js';
import * as repo from './repository.js';
import type { ListUsersQuery as ListUsersQuerySchema } from './schemas.js';

export interface NewUser {
  email: string;
  password: string;
  name: string;
  roles: readonly Role[];
}

export const emailTakenError = () =>
  conflict('An account with this email already exists', 'EMAIL_TAKEN', {
    details: [{ path: '/body/email', message: 'is already registered' }],
  });

/** Refuses weak passwords with a 400 `WEAK_PASSWORD` naming the field. */
export function assertStrongPassword(password: string, path = '/body/password'): void {
  const problems = passwordProblems(password, path);
  if (problems.length) throw validationError('The password is too weak', problems, 'WEAK_PASSWORD');
}

/**
 * Creates a user with some roles inside the caller's transaction (signup, CLI, seed). The
 * password is checked and hashed here; an email taken in any letter case is a 409 `EMAIL_TAKEN`.
 */
export async function insertNewUser(
  tx: Executor,
  input: NewUser & { passwordHash?: string },
  actorId: string | null,
): Promise<UserDto> {
  const email = input.email.trim();
  if (await repo.emailTaken(tx, email)) throw emailTakenError();
  const passwordHash = input.passwordHash ?? (await hashPassword(input.password));
  const id = await repo.insertUser(tx, {
    email,
    name: input.name.trim(),
    passwordHash,
    createdBy: actorId,
  });
  await repo.insertRoles(tx, id, input.roles, actorId);
  await appendEvent(tx, {
    type: 'user.created',
    subjectType: 'user',
    subjectId: id,
    actorId,
    data: { roles: [...input.roles] },
  });
  await writeAudit(tx, {
    action: 'user.created',
    resourceType: 'user',
    resourceId: id,
    actorId: actorId ?? undefined,
    details: { email, roles: [...input.roles] },
  });
  const row = await repo.findUserById(tx, id);
  return toUserDto(row!);
}

/** Creates a user (used by `lectern user create` and the first-admin bootstrap). */
export async function createUser(db: Database, input: NewUser): Promise<UserDto> {
  assertStrongPassword(input.password);
  for (const role of input.roles)
    if (!isRole(role)) throw validationError(`Unknown role ${role}`, [], 'UNKNOWN_ROLE');
  try {
    return await inTransaction(db, ({ tx }) => insertNewUser(tx, input, null));
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTakenError();
    throw error;
  }
}

export type ListUsersQuery = Static<typeof ListUsersQuerySchema>;

/** The cache tag of everything derived from one user; every change to the user drops it. */
export const userCacheTag = (id: string) => `user:${id}`;

const lastAdminError = (what: string) =>
  conflict(`This is the last admin; make someone else admin before ${what}`, 'LAST_ADMIN');

export function createUsersService({
  db,
  cache,
  revocations,
  clock,
}: {
  db: Database;
  cache: Cache;
  /** Role changes and disabling reach every process's credentials and sockets through this. */
  revocations: Pick<Revocations, 'publish'>;
  /** Dates disabling and the sessions it ends. */
  clock: Clock;
}) {
  async function requireUser(executor: Executor, id: string) {
    const row = await repo.findUserById(executor, id);
    if (!row) throw notFound('User', 'USER_NOT_FOUND');
    return row;
  }

  /** 409 `LAST_ADMIN` when `id` is the only enabled admin (their role rows stay locked). */
  async function assertNotLastAdmin(executor: Executor, id: string, what: string) {
    const admins = await repo.lockActiveAdmins(executor);
    if (admins.filter((a) => a !== id).length === 0) throw lastAdminError(what);
  }

  /** Disables or enables a user; see `disable` and `enable`. */
  async function setDisabled(auth: Auth, id: string, disable: boolean) {
    const caller = requireAccess(auth, 'users:manage');
    return inTransaction(db, async ({ tx, afterCommit }) => {
      const before = await requireUser(tx, id);
      if ((before.disabledAt !== null) === disable) return toUserDto(before);
      if (!disable && isErased(before))
        throw conflict('This account was erased; it cannot be enabled again', 'USER_ERASED');
      if (disable && before.roles.includes('admin'))
        await assertNotLastAdmin(tx, id, 'disabling this one');
      const now = clock.now();
      await repo.setDisabled(tx, id, disable ? now : null, caller.userId);
      const ended = disable ? await revokeUserSessions(tx, id, 'user_disabled', now) : [];
      afterCommit(() => cache.invalidateTags([userCacheTag(id)]));
      afterCommit(() => revocations.publish(disable ? { users: [id] } : { rights: [id] }));
      const action = disable ? 'user.disabled' : 'user.enabled';
      await appendEvent(tx, {
        type: action,
        subjectType: 'user',
        subjectId: id,
        actorId: caller.userId,
        data: {},
      });
      await writeAudit(tx, {
        action,
        resourceType: 'user',
        resourceId: id,
        details: disable ? { revokedSessions: ended.length } : {},
      });
      return toUserDto((await repo.findUserById(tx, id))!);
    });
  }

  return {
    async list(auth: Auth, query: ListUsersQuery): Promise<Page<UserDto>> {
      requireAccess(auth, 'users:read');
      const afterId = query.cursor ? decodeIdCursor(query.cursor) : undefined;
      const rows = await repo.listUsers(db, {
        role: query.role,
        q: query.q,
        afterId,
        limit: query.limit,
      });
      return pageOf(rows.map(toUserDto), query.limit, (last) => ({ id: last.id }));
    },

    async get(auth: Auth, id: string): Promise<UserDto> {
      requireAccess(auth, 'users:read', { ownerId: id });
      // Read on every page that shows a person; cached in every process, dropped on change.
      return cache.getOrLoad(
        `platform:user:${id}`,
        async () => toUserDto(await requireUser(db, id)),
        { tags: [userCacheTag(id)] },
      );
    },

    /**
     * Replaces a user's roles. The last enabled admin keeps the admin role (409 `LAST_ADMIN`),
     * so the school can never lock itself out. With `expected` (from `If-Match`), only if the
     * user is still at a version the caller read (412 otherwise).
     */
    async setRoles(
      auth: Auth,
      id: string,
      roles: Role[],
      expected?: ExpectedVersion,
    ): Promise<UserDto> {
      const caller = requireAccess(auth, 'roles:manage');
      return inTransaction(db, async ({ tx, afterCommit }) => {
        afterCommit(() => cache.invalidateTags([userCacheTag(id)]));
        // The user's sessions and sockets get the new roles before this answers, in every process.
        afterCommit(() => revocations.publish({ rights: [id] }));
        const before = await requireUser(tx, id);
        if (expected) assertVersion('User', expected, before.version);
        // Bumping first, guarded by the version checked, takes the row lock: a change committed
        // since `before` was read makes this a 412 rather than a lost update.
        if (!(await repo.touchUser(tx, id, caller.userId, expected ? before.version : undefined)))
          staleVersion('User', (await requireUser(tx, id)).version);
        const removesAdmin = before.roles.includes('admin') && !roles.includes('admin');
        if (removesAdmin) await assertNotLastAdmin(tx, id, 'removing the role');
        await repo.replaceRoles(tx, id, roles, caller.userId);
        await appendEvent(tx, {
          type: 'user.roles_changed',
          subjectType: 'user',
          subjectId: id,
          actorId: caller.userId,
          data: { before: before.roles, after: [...roles].sort() },
        });
        await writeAudit(tx, {
          action: 'user.roles_changed',
          resourceType: 'user',
          resourceId: id,
          details: { before: before.roles, after: [...roles].sort() },
        });
        return toUserDto((await repo.findUserById(tx, id))!);
      });
    },

    /**
     * Disables a user: they cannot sign in or refresh, every session of theirs ends, their API
     * keys stop working while they are disabled and their sockets close (4401), in every
     * process before this answers. The last enabled admin cannot be disabled (409 `LAST_ADMIN`).
     * Disabling a disabled user changes nothing.
     */
    disable: (auth: Auth, id: string) => setDisabled(auth, id, true),

    /** Lets a disabled user sign in again (their API keys work again; sessions stay ended); never an erased one. */
    enable: (auth: Auth, id: string) => setDisabled(auth, id, false),
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
