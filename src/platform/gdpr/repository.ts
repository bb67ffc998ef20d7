import { and, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { auditLog } from '#platform/audit/tables.js';
import {
  apiKeyScopes,
  apiKeys,
  authSessions,
  loginFailures,
  userRoles,
  users,
} from '#platform/auth/tables.js';
import type { Executor } from '#platform/db/index.js';
import { idempotencyKeys } from '#platform/http/tables.js';
import { jobs } from '#platform/jobs/tables.js';
import { storedFiles } from '#platform/storage/tables.js';
import { webhookEndpoints } from '#platform/webhooks/tables.js';

/*
 * The platform's own part of a person's data, for `GET /users/:id/export` and
 * `POST /users/:id/erase`: sessions, API keys, audit rows, jobs, files and the traces their
 * email leaves (sign-in counters, stored idempotent responses). The account row itself is read
 * and anonymised through `users/repository.ts`.
 */

/** Every session of the user, live or ended; never a refresh token or its hash. */
export async function sessionsOf(executor: Executor, userId: string) {
  return executor
    .select({
      id: authSessions.id,
      userAgent: authSessions.userAgent,
      ip: authSessions.ip,
      createdAt: authSessions.createdAt,
      lastUsedAt: authSessions.lastUsedAt,
      expiresAt: authSessions.expiresAt,
      revokedAt: authSessions.revokedAt,
      revokedReason: authSessions.revokedReason,
    })
    .from(authSessions)
    .where(eq(authSessions.userId, userId))
    .orderBy(asc(authSessions.id));
}

/** The user's API keys with their scopes; never the secret's hash. */
export async function apiKeysOf(executor: Executor, userId: string) {
  return executor
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: sql<
        string[]
      >`coalesce((select array_agg(${apiKeyScopes.scope} order by ${apiKeyScopes.scope}) from ${apiKeyScopes} where ${apiKeyScopes.apiKeyId} = ${apiKeys.id}), '{}'::text[])`,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      createdAt: apiKeys.createdAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.ownerId, userId))
    .orderBy(asc(apiKeys.id));
}

const aboutOrBy = (userId: string): SQL =>
  or(
    eq(auditLog.actorId, userId),
    and(eq(auditLog.resourceType, 'user'), eq(auditLog.resourceId, userId)),
  ) as SQL;

/** Audit rows of what the user did and of what was done to their account, oldest first. */
export async function auditOf(executor: Executor, userId: string) {
  return executor
    .select({
      id: auditLog.id,
      occurredAt: auditLog.occurredAt,
      actorType: auditLog.actorType,
      actorId: auditLog.actorId,
      action: auditLog.action,
      resourceType: auditLog.resourceType,
      resourceId: auditLog.resourceId,
      outcome: auditLog.outcome,
      ip: auditLog.ip,
      details: auditLog.details,
    })
    .from(auditLog)
    .where(aboutOrBy(userId))
    .orderBy(asc(auditLog.id));
}

export async function jobsOf(executor: Executor, userId: string) {
  return executor
    .select({
      id: jobs.id,
      queue: jobs.queue,
      state: jobs.state,
      progress: jobs.progress,
      message: jobs.message,
      createdAt: jobs.createdAt,
      finishedAt: jobs.finishedAt,
    })
    .from(jobs)
    .where(eq(jobs.ownerId, userId))
    .orderBy(asc(jobs.id));
}

/** Files the user uploaded: what they are, not where the bytes are kept. */
export async function filesOf(executor: Executor, userId: string) {
  return executor
    .select({
      id: storedFiles.id,
      filename: storedFiles.filename,
      contentType: storedFiles.contentType,
      sizeBytes: storedFiles.sizeBytes,
      createdAt: storedFiles.createdAt,
      deletedAt: storedFiles.deletedAt,
    })
    .from(storedFiles)
    .where(eq(storedFiles.ownerId, userId))
    .orderBy(asc(storedFiles.id));
}

// ── Erasure ──────────────────────────────────────────────────────────────────

/** Deletes the user's sessions (refresh tokens go with them): they hold addresses and agents. */
export async function deleteSessionsOf(tx: Executor, userId: string): Promise<void> {
  await tx.delete(authSessions).where(eq(authSessions.userId, userId));
}

/** Deletes the user's API keys (with their scopes); the ids deleted. */
export async function deleteApiKeysOf(tx: Executor, userId: string): Promise<string[]> {
  const rows = await tx
    .delete(apiKeys)
    .where(eq(apiKeys.ownerId, userId))
    .returning({ id: apiKeys.id });
  return rows.map((r) => r.id);
}

/** Deletes the user's roles, and clears the user as the granter of anyone else's. */
export async function deleteRolesOf(tx: Executor, userId: string): Promise<void> {
  await tx.delete(userRoles).where(eq(userRoles.userId, userId));
  await tx.update(userRoles).set({ grantedBy: null }).where(eq(userRoles.grantedBy, userId));
}

/**
 * Clears the user as author or editor of other rows (other accounts, webhook endpoints) and as
 * owner of jobs and files, which stay: files belong to the courses that use them.
 */
export async function detachUser(tx: Executor, userId: string): Promise<void> {
  await tx
    .update(users)
    .set({ createdBy: null })
    .where(and(eq(users.createdBy, userId), sql`${users.id} <> ${userId}`));
  await tx
    .update(users)
    .set({ updatedBy: null })
    .where(and(eq(users.updatedBy, userId), sql`${users.id} <> ${userId}`));
  await tx
    .update(webhookEndpoints)
    .set({ createdBy: null })
    .where(eq(webhookEndpoints.createdBy, userId));
  await tx
    .update(webhookEndpoints)
    .set({ updatedBy: null })
    .where(eq(webhookEndpoints.updatedBy, userId));
  await tx.update(jobs).set({ ownerId: null }).where(eq(jobs.ownerId, userId));
  await tx.update(storedFiles).set({ ownerId: null }).where(eq(storedFiles.ownerId, userId));
}

/**
 * Deletes what the user's email or id left behind: sign-in counters keyed by the email (or by
 * the user, for password changes) and stored idempotent responses of theirs or about them.
 */
export async function deleteTracesOf(
  tx: Executor,
  user: { id: string; email: string },
  apiKeyIds: readonly string[],
): Promise<void> {
  const email = user.email.trim().toLowerCase();
  await tx
    .delete(loginFailures)
    .where(
      or(
        eq(loginFailures.key, `account:${email}`),
        sql`${loginFailures.key} like ${`pair:%:${escapeLike(email)}`}`,
        eq(loginFailures.key, `password-change:${user.id}`),
      ),
    );
  const principals = [`user:${user.id}`, ...apiKeyIds.map((id) => `key:${id}`)];
  await tx
    .delete(idempotencyKeys)
    .where(
      or(
        inArray(idempotencyKeys.principal, principals),
        sql`strpos(lower(${idempotencyKeys.responseBody}::text), ${email}) > 0`,
        sql`strpos(${idempotencyKeys.responseBody}::text, ${user.id}) > 0`,
      ),
    );
}

/**
 * Audit rows stay (who did what, when), but lose the user's personal data: the address of every
 * request the user made, and any detail whose value is their email (anywhere: failed sign-ins
 * name the email tried) or, in rows about or by them, their name.
 */
export async function scrubAudit(
  tx: Executor,
  user: { id: string; email: string; name: string },
): Promise<void> {
  const email = user.email.trim().toLowerCase();
  const name = user.name.trim().toLowerCase();
  const withoutValue = (value: string) =>
    sql`(select coalesce(jsonb_object_agg(d.key, d.value), '{}'::jsonb) from jsonb_each(${auditLog.details}) d where lower(trim(d.value #>> '{}')) is distinct from ${value})`;
  const mentions = (value: string) =>
    sql`exists (select 1 from jsonb_each(${auditLog.details}) d where lower(trim(d.value #>> '{}')) = ${value})`;
  await tx
    .update(auditLog)
    .set({ ip: null })
    .where(
      or(
        eq(auditLog.actorId, user.id),
        and(sql`jsonb_typeof(${auditLog.details}) = 'object'`, mentions(email)),
      ),
    );
  await tx
    .update(auditLog)
    .set({ details: withoutValue(email) })
    .where(and(sql`jsonb_typeof(${auditLog.details}) = 'object'`, mentions(email)));
  if (name === '') return;
  await tx
    .update(auditLog)
    .set({ details: withoutValue(name) })
    .where(
      and(aboutOrBy(user.id), sql`jsonb_typeof(${auditLog.details}) = 'object'`, mentions(name)),
    );
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
