import type { Static } from 'typebox';
import type { AuditRow } from './repository.js';
import type { AuditEntrySchema } from './schemas.js';

export type AuditEntryDto = Static<typeof AuditEntrySchema>;

export function toAuditEntryDto(row: AuditRow): AuditEntryDto {
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
