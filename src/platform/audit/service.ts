import type { Database } from '../db/index.js';
import { decodeIdCursor, pageMeta } from '../http/pagination.js';
import { parseTimestampQuery } from '../http/timestamp-query.js';
import { toAuditEntryDto } from './dto.js';
import * as repo from './repository.js';

export interface AuditQuery {
  limit: number;
  cursor?: string;
  actorId?: string;
  action?: string;
  resourceType?: string;
  resourceId?: string;
  from?: string;
  to?: string;
}

export function createAuditService({ db }: { db: Database }) {
  return {
    /** The audit trail, newest first. Access is checked by the route (`audit:read`). */
    async list(query: AuditQuery) {
      const beforeId = query.cursor ? decodeIdCursor(query.cursor) : undefined;
      const rows = await repo.listAudit(db, {
        actorId: query.actorId,
        action: query.action,
        resourceType: query.resourceType,
        resourceId: query.resourceId,
        from: query.from ? parseTimestampQuery(query.from, 'from') : undefined,
        to: query.to ? parseTimestampQuery(query.to, 'to') : undefined,
        beforeId,
        limit: query.limit,
      });
      const page = pageMeta(rows, query.limit, (last) => ({ id: last.id }));
      return { items: page.items.map(toAuditEntryDto), meta: page.meta };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
