import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/index.js';
import { auditLog } from './tables.js';

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditFilter {
  actorId?: string;
  action?: string;
  resourceType?: string;
  resourceId?: string;
  from?: Date;
  to?: Date;
  /** Continue with rows older than this one (ids are time-ordered UUIDv7). */
  beforeId?: string;
  limit: number;
}

/**
 * Audit rows newest first, `limit + 1` of them. Ordered by id (time-ordered UUIDv7) rather than
 * `occurred_at`, whose microseconds would not survive a round trip through a JS Date cursor.
 */
export async function listAudit(executor: Executor, filter: AuditFilter): Promise<AuditRow[]> {
  const where: SQL[] = [];
  if (filter.actorId) where.push(eq(auditLog.actorId, filter.actorId));
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.resourceType) where.push(eq(auditLog.resourceType, filter.resourceType));
  if (filter.resourceId) where.push(eq(auditLog.resourceId, filter.resourceId));
  if (filter.from) where.push(gte(auditLog.occurredAt, filter.from));
  if (filter.to) where.push(lte(auditLog.occurredAt, filter.to));
  if (filter.beforeId) where.push(lt(auditLog.id, filter.beforeId));
  return executor
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(filter.limit + 1);
}
