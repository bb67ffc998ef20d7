import { and, desc, eq, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/index.js';
import { apiKeyScopes, apiKeys, userRoles, users } from '../tables.js';

const scopesColumn = sql<
  string[]
>`coalesce((select array_agg(${apiKeyScopes.scope} order by ${apiKeyScopes.scope}) from ${apiKeyScopes} where ${apiKeyScopes.apiKeyId} = ${apiKeys.id}), '{}'::text[])`;

const keyColumns = {
  id: apiKeys.id,
  ownerId: apiKeys.ownerId,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
  createdAt: apiKeys.createdAt,
  scopes: scopesColumn,
};

export interface ApiKeyRow {
  id: string;
  ownerId: string;
  name: string;
  prefix: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  scopes: string[];
}

export async function insertApiKey(
  executor: Executor,
  values: { ownerId: string; name: string; prefix: string; secretHash: string },
  scopes: readonly string[],
): Promise<string> {
  const [row] = await executor.insert(apiKeys).values(values).returning({ id: apiKeys.id });
  if (scopes.length)
    await executor
      .insert(apiKeyScopes)
      .values(scopes.map((scope) => ({ apiKeyId: row.id, scope })));
  return row.id;
}

export async function findApiKey(executor: Executor, id: string): Promise<ApiKeyRow | undefined> {
  const [row] = await executor.select(keyColumns).from(apiKeys).where(eq(apiKeys.id, id));
  return row;
}

/** The key with this hash, its scopes and its owner's current roles; only live keys of enabled users. */
export async function findLiveKeyByHash(executor: Executor, secretHash: string) {
  const [row] = await executor
    .select({
      ...keyColumns,
      ownerRoles: sql<
        string[]
      >`coalesce((select array_agg(${userRoles.role}) from ${userRoles} where ${userRoles.userId} = ${users.id}), '{}'::text[])`,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.ownerId))
    .where(
      and(eq(apiKeys.secretHash, secretHash), isNull(apiKeys.revokedAt), isNull(users.disabledAt)),
    );
  return row;
}

/** Live keys of an owner, newest first, `limit + 1` rows. */
export async function listOwnKeys(
  executor: Executor,
  ownerId: string,
  beforeId: string | undefined,
  limit: number,
): Promise<ApiKeyRow[]> {
  const where: SQL[] = [eq(apiKeys.ownerId, ownerId), isNull(apiKeys.revokedAt)];
  if (beforeId) where.push(lt(apiKeys.id, beforeId));
  return executor
    .select(keyColumns)
    .from(apiKeys)
    .where(and(...where))
    .orderBy(desc(apiKeys.id))
    .limit(limit + 1);
}

export async function revokeApiKey(executor: Executor, id: string, now: Date): Promise<boolean> {
  const rows = await executor
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length === 1;
}

/** Stamps `last_used_at`, at most once a minute per key so busy integrations do not write per request. */
export async function touchApiKey(executor: Executor, id: string): Promise<void> {
  await executor
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.id, id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`)),
      ),
    );
}
