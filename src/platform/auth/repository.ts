import { and, desc, eq, gt, inArray, isNull, lt, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../db/index.js';
import { authSessions, loginFailures, refreshTokens, userRoles, users } from './tables.js';
import type { ThrottlePolicy } from './throttle.js';

export type SessionRow = typeof authSessions.$inferSelect;

export async function insertSession(
  executor: Executor,
  values: { userId: string; userAgent: string | null; ip: string | null; expiresAt: Date },
): Promise<SessionRow> {
  const [row] = await executor.insert(authSessions).values(values).returning();
  return row;
}

export async function findSession(executor: Executor, id: string) {
  const [row] = await executor.select().from(authSessions).where(eq(authSessions.id, id));
  return row as SessionRow | undefined;
}

/**
 * What every authenticated request checks, in one indexed lookup: the session is live, its user
 * enabled, and the user's current roles (so a role change applies at once).
 */
export async function findLiveSessionUser(executor: Executor, sessionId: string) {
  const [row] = await executor
    .select({
      userId: authSessions.userId,
      expiresAt: authSessions.expiresAt,
      roles: sql<
        string[]
      >`coalesce((select array_agg(${userRoles.role}) from ${userRoles} where ${userRoles.userId} = ${users.id}), '{}'::text[])`,
    })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(
      and(
        eq(authSessions.id, sessionId),
        isNull(authSessions.revokedAt),
        gt(authSessions.expiresAt, sql`now()`),
        isNull(users.disabledAt),
      ),
    );
  return row;
}

export async function insertRefreshToken(
  executor: Executor,
  values: { sessionId: string; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await executor.insert(refreshTokens).values(values);
}

export async function findRefreshToken(executor: Executor, tokenHash: string) {
  const [row] = await executor
    .select({
      id: refreshTokens.id,
      sessionId: refreshTokens.sessionId,
      expiresAt: refreshTokens.expiresAt,
      rotatedAt: refreshTokens.rotatedAt,
      userId: authSessions.userId,
      sessionRevokedAt: authSessions.revokedAt,
      sessionExpiresAt: authSessions.expiresAt,
    })
    .from(refreshTokens)
    .innerJoin(authSessions, eq(authSessions.id, refreshTokens.sessionId))
    .where(eq(refreshTokens.tokenHash, tokenHash));
  return row;
}

/** Marks a refresh token used; false when someone else used it first. */
export async function markRotated(
  executor: Executor,
  tokenId: string,
  now: Date,
): Promise<boolean> {
  const rows = await executor
    .update(refreshTokens)
    .set({ rotatedAt: now })
    .where(and(eq(refreshTokens.id, tokenId), isNull(refreshTokens.rotatedAt)))
    .returning({ id: refreshTokens.id });
  return rows.length === 1;
}

export async function touchSession(executor: Executor, id: string, now: Date): Promise<void> {
  await executor.update(authSessions).set({ lastUsedAt: now }).where(eq(authSessions.id, id));
}

/** Revokes live sessions matching `where`; returns the ids revoked. */
async function revokeWhere(
  executor: Executor,
  where: SQL,
  reason: string,
  now: Date,
): Promise<string[]> {
  const rows = await executor
    .update(authSessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(where, isNull(authSessions.revokedAt)))
    .returning({ id: authSessions.id });
  return rows.map((r) => r.id);
}

export const revokeSession = (executor: Executor, id: string, reason: string, now: Date) =>
  revokeWhere(executor, eq(authSessions.id, id), reason, now);

export const revokeUserSessions = (
  executor: Executor,
  userId: string,
  reason: string,
  now: Date,
  exceptId?: string,
) =>
  revokeWhere(
    executor,
    exceptId
      ? (and(eq(authSessions.userId, userId), ne(authSessions.id, exceptId)) as SQL)
      : eq(authSessions.userId, userId),
    reason,
    now,
  );

/** A user's sessions live at `now`, newest first, `limit + 1` rows. */
export async function listLiveSessions(
  executor: Executor,
  userId: string,
  now: Date,
  beforeId: string | undefined,
  limit: number,
): Promise<SessionRow[]> {
  const where = [
    eq(authSessions.userId, userId),
    isNull(authSessions.revokedAt),
    gt(authSessions.expiresAt, now),
  ];
  if (beforeId) where.push(lt(authSessions.id, beforeId));
  return executor
    .select()
    .from(authSessions)
    .where(and(...where))
    .orderBy(desc(authSessions.id))
    .limit(limit + 1);
}

/**
 * Records one sign-in attempt against `key` before it is evaluated, in one statement, so that
 * parallel attempts each see the count of those before them. Past `free` attempts it blocks the
 * key for 2^(n - free) seconds (capped), pessimistically: a success refunds it. Returns false,
 * counting nothing, while the key is blocked. A counter idle for `resetAfterSeconds` starts over.
 */
export async function recordAttempt(
  executor: Executor,
  key: string,
  policy: ThrottlePolicy,
): Promise<boolean> {
  const count = sql`case when ${loginFailures.lastFailedAt} < now() - make_interval(secs => ${policy.resetAfterSeconds}) then 1 else ${loginFailures.failures} + 1 end`;
  const blockFor = (failures: SQL) =>
    sql`case when ${failures} >= ${policy.free} then now() + make_interval(secs => least(power(2, ${failures} - ${policy.free}), ${policy.maxBlockSeconds})) end`;
  const rows = await executor
    .insert(loginFailures)
    .values({
      key,
      failures: 1,
      lastFailedAt: sql`now()`,
      blockedUntil: blockFor(sql`1`),
    })
    .onConflictDoUpdate({
      target: loginFailures.key,
      set: { failures: count, lastFailedAt: sql`now()`, blockedUntil: blockFor(count) },
      setWhere: or(isNull(loginFailures.blockedUntil), lte(loginFailures.blockedUntil, sql`now()`)),
    })
    .returning({ failures: loginFailures.failures });
  return rows.length === 1;
}

/** Until when `key` is blocked (for `Retry-After`), or null. */
export async function blockedUntil(executor: Executor, key: string): Promise<Date | null> {
  const [row] = await executor
    .select({ blockedUntil: loginFailures.blockedUntil })
    .from(loginFailures)
    .where(eq(loginFailures.key, key));
  return row?.blockedUntil ?? null;
}

/**
 * Takes back one attempt that was not a failure (a success, or one refused by another counter);
 * the block it set goes with it when the count falls back within the allowance.
 */
export async function refundAttempt(executor: Executor, key: string, free: number): Promise<void> {
  await executor
    .update(loginFailures)
    .set({
      failures: sql`greatest(${loginFailures.failures} - 1, 0)`,
      blockedUntil: sql`case when ${loginFailures.failures} - 1 >= ${free} then ${loginFailures.blockedUntil} end`,
    })
    .where(eq(loginFailures.key, key));
  // A counter back at zero holds nothing worth keeping.
  await executor
    .delete(loginFailures)
    .where(and(eq(loginFailures.key, key), lte(loginFailures.failures, 0)));
}

export async function clearFailures(executor: Executor, keys: string[]): Promise<void> {
  await executor.delete(loginFailures).where(inArray(loginFailures.key, keys));
}

/**
 * Deletes what no request can use any more: sessions expired or revoked more than `keepDays`
 * ago (their refresh tokens go with them) and failure counters that have gone quiet.
 */
export async function purgeExpired(
  executor: Executor,
  keepDays: number,
  failureMemorySeconds: number,
): Promise<{ sessions: number; failures: number }> {
  const cutoff = sql`now() - make_interval(days => ${keepDays})`;
  const sessions = await executor
    .delete(authSessions)
    .where(or(lt(authSessions.expiresAt, cutoff), lt(authSessions.revokedAt, cutoff)) as SQL)
    .returning({ id: authSessions.id });
  const failures = await executor
    .delete(loginFailures)
    .where(
      and(
        lt(loginFailures.lastFailedAt, sql`now() - make_interval(secs => ${failureMemorySeconds})`),
        or(isNull(loginFailures.blockedUntil), lt(loginFailures.blockedUntil, sql`now()`)),
      ) as SQL,
    )
    .returning({ key: loginFailures.key });
  return { sessions: sessions.length, failures: failures.length };
}
