import {
  and,
  asc,
  eq,
  gt,
  ilike,
  isNotNull,
  isNull,
  notInArray,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { userRoles, users } from '../auth/tables.js';
import type { Executor } from '../db/index.js';

/** The roles of the row's user, sorted, as a text array (empty when none). */
const rolesColumn = sql<
  string[]
>`coalesce((select array_agg(${userRoles.role} order by ${userRoles.role}) from ${userRoles} where ${userRoles.userId} = ${users.id}), '{}'::text[])`;

const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  passwordHash: users.passwordHash,
  disabledAt: users.disabledAt,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
  version: users.version,
  roles: rolesColumn,
};

export type UserRow = {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  disabledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  roles: string[];
};

export async function insertUser(
  executor: Executor,
  values: { email: string; name: string; passwordHash: string; createdBy: string | null },
): Promise<string> {
  const [row] = await executor
    .insert(users)
    .values({ ...values, updatedBy: values.createdBy })
    .returning({ id: users.id });
  return row.id;
}

export async function insertRoles(
  executor: Executor,
  userId: string,
  roles: readonly string[],
  grantedBy: string | null,
): Promise<void> {
  if (roles.length === 0) return;
  await executor
    .insert(userRoles)
    .values(roles.map((role) => ({ userId, role, grantedBy })))
    .onConflictDoNothing();
}

export async function findUserById(executor: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await executor.select(userColumns).from(users).where(eq(users.id, id));
  return row;
}

export async function findUserByEmail(
  executor: Executor,
  email: string,
): Promise<UserRow | undefined> {
  const [row] = await executor
    .select(userColumns)
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`);
  return row;
}

export async function emailTaken(executor: Executor, email: string): Promise<boolean> {
  const rows = await executor
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`);
  return rows.length > 0;
}

export interface UserFilter {
  role?: string;
  q?: string;
  afterId?: string;
  limit: number;
}

/** A page of users in creation order (ids are time-ordered), `limit + 1` rows. */
export async function listUsers(executor: Executor, filter: UserFilter): Promise<UserRow[]> {
  const where: SQL[] = [];
  if (filter.afterId) where.push(gt(users.id, filter.afterId));
  if (filter.role) {
    where.push(
      sql`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = ${filter.role})`,
    );
  }
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(users.email, pattern), ilike(users.name, pattern)) as SQL);
  }
  return executor
    .select(userColumns)
    .from(users)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(users.id))
    .limit(filter.limit + 1);
}

export async function replaceRoles(
  executor: Executor,
  userId: string,
  roles: readonly string[],
  grantedBy: string | null,
): Promise<void> {
  const keep = [...roles];
  await executor
    .delete(userRoles)
    .where(
      keep.length
        ? and(eq(userRoles.userId, userId), notInArray(userRoles.role, keep))
        : eq(userRoles.userId, userId),
    );
  await insertRoles(executor, userId, keep, grantedBy);
}

/**
 * Bumps the user's version and stamps who changed it; with `atVersion`, only if the user is
 * still at that version. Whether a row changed.
 */
export async function touchUser(
  executor: Executor,
  id: string,
  actorId: string | null,
  atVersion?: number,
): Promise<boolean> {
  const rows = await executor
    .update(users)
    .set({ version: sql`${users.version} + 1`, updatedBy: actorId })
    .where(
      atVersion === undefined
        ? eq(users.id, id)
        : and(eq(users.id, id), eq(users.version, atVersion)),
    )
    .returning({ id: users.id });
  return rows.length > 0;
}

/** Replaces the password hash, bumping the version like any change to the user. */
export async function setPasswordHash(
  executor: Executor,
  id: string,
  passwordHash: string,
  actorId: string | null,
): Promise<void> {
  await executor
    .update(users)
    .set({ passwordHash, version: sql`${users.version} + 1`, updatedBy: actorId })
    .where(eq(users.id, id));
}

/** Disables (a date) or enables (null) a user, bumping the version; false if already so. */
export async function setDisabled(
  executor: Executor,
  id: string,
  disabledAt: Date | null,
  actorId: string | null,
): Promise<boolean> {
  const rows = await executor
    .update(users)
    .set({ disabledAt, version: sql`${users.version} + 1`, updatedBy: actorId })
    .where(
      and(eq(users.id, id), disabledAt ? isNull(users.disabledAt) : isNotNull(users.disabledAt)),
    )
    .returning({ id: users.id });
  return rows.length === 1;
}

/**
 * Ids of enabled admins, with their role rows locked until the transaction ends, so two
 * concurrent demotions cannot both see "another admin remains".
 */
export async function lockActiveAdmins(executor: Executor): Promise<string[]> {
  const rows = await executor
    .select({ userId: userRoles.userId })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, 'admin'), isNull(users.disabledAt)))
    .for('update', { of: userRoles });
  return rows.map((r) => r.userId);
}

export async function countUsers(executor: Executor): Promise<number> {
  const [row] = await executor.select({ n: sql<number>`count(*)::int` }).from(users);
  return row.n;
}

export async function anyAdmin(executor: Executor): Promise<boolean> {
  const rows = await executor
    .select({ userId: userRoles.userId })
    .from(userRoles)
    .where(eq(userRoles.role, 'admin'))
    .limit(1);
  return rows.length > 0;
}

/**
 * Erasure's end of an account: the row stays (what still refers to the id now points to nobody)
 * but holds nothing personal: a placeholder email, no name, a password hash that matches no
 * password, disabled. Bumps the version like any change to the user.
 */
export async function anonymiseUser(
  tx: Executor,
  id: string,
  placeholderEmail: string,
  actorId: string | null,
): Promise<void> {
  await tx
    .update(users)
    .set({
      email: placeholderEmail,
      name: '',
      passwordHash: '',
      disabledAt: sql`coalesce(${users.disabledAt}, now())`,
      createdBy: null,
      updatedBy: actorId,
      version: sql`${users.version} + 1`,
    })
    .where(eq(users.id, id));
}
