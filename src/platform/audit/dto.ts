import type { AuditRow } from './repository.js';

export function toAuditEntryDto(row: AuditRow) {
  return {
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actorId: row.actorId,
    actorType: row.actorType,
    action: row.action,
    resourceType: row.resourceType,
    resourceId: row.resourceId,
    outcome: row.outcome,
    ip: row.ip,
    requestId: row.requestId,
    details: row.details ?? null,
  };
}
