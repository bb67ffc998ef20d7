import { isIP } from 'node:net';
import type { Executor } from '../db/index.js';
import { currentContext } from '../http/request-context.js';
import { auditLog } from './tables.js';

export type ActorType = 'user' | 'api_key' | 'system';

export interface AuditEntry {
  /** Dotted verb, e.g. `auth.login`, `user.roles_changed`, `course.deleted`. */
  action: string;
  resourceType: string;
  resourceId?: string | null;
  outcome?: 'success' | 'failure';
  /** Defaults to the signed-in caller of the current request, or the system outside requests. */
  actorId?: string | null;
  actorType?: ActorType;
  /** Never put secrets here: audit rows are readable by auditors. */
  details?: Record<string, unknown>;
}

/**
 * Writes one audit row with the caller's executor, so the row commits (or rolls back) with the
 * change it describes. The request id, address and caller come from the request context.
 */
export async function writeAudit(executor: Executor, entry: AuditEntry): Promise<void> {
  const context = currentContext();
  const actorId = entry.actorId !== undefined ? entry.actorId : (context?.userId ?? null);
  const actorType: ActorType =
    entry.actorType ?? (actorId ? (context?.actorType ?? 'user') : 'system');
  const apiKeyId = actorType === 'api_key' ? context?.apiKeyId : undefined;
  const details =
    apiKeyId && entry.details?.apiKeyId === undefined
      ? { ...entry.details, apiKeyId }
      : (entry.details ?? null);
  await executor.insert(auditLog).values({
    actorId,
    actorType,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId ?? null,
    outcome: entry.outcome ?? 'success',
    ip: context?.ip && isIP(context.ip) ? context.ip : null,
    requestId: context?.requestId ?? null,
    details,
  });
}
