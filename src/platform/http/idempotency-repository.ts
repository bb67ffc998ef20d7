import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '../db/index.js';
import { idempotencyKeys } from './tables.js';

export type IdempotencyRecord = typeof idempotencyKeys.$inferSelect;

export interface ClaimInput {
  principal: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
  expiresAt: Date;
}

const byKey = (principal: string, key: string) =>
  and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key));

/**
 * Claims a key for a request now in flight (no status yet). Returns false when a live record
 * exists; an expired one, or one left in flight before `abandonedBefore` (a crash), is replaced.
 */
export async function claimKey(
  db: Executor,
  input: ClaimInput,
  now: Date,
  abandonedBefore: Date,
): Promise<boolean> {
  await db
    .delete(idempotencyKeys)
    .where(
      and(
        byKey(input.principal, input.key),
        or(
          lt(idempotencyKeys.expiresAt, now),
          and(isNull(idempotencyKeys.statusCode), lt(idempotencyKeys.createdAt, abandonedBefore)),
        ),
      ),
    );
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ ...input, createdAt: now })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  return inserted.length === 1;
}

export async function findKey(
  db: Executor,
  principal: string,
  key: string,
): Promise<IdempotencyRecord | undefined> {
  const [row] = await db.select().from(idempotencyKeys).where(byKey(principal, key));
  return row;
}

export async function completeKey(
  db: Executor,
  principal: string,
  key: string,
  response: { statusCode: number; body: unknown; headers: Record<string, string> },
): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({
      statusCode: response.statusCode,
      responseBody: response.body,
      responseHeaders: response.headers,
    })
    .where(byKey(principal, key));
}

export async function releaseKey(db: Executor, principal: string, key: string): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(and(byKey(principal, key), isNull(idempotencyKeys.statusCode)));
}

/** Deletes records past their 24 h replay window (the nightly clean-up). */
export async function purgeExpiredKeys(db: Executor, now = new Date()): Promise<number> {
  const deleted = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.expiresAt, now))
    .returning({ key: idempotencyKeys.key });
  return deleted.length;
}
