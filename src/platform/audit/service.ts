import type { Static } from 'typebox';
import { type Auth, requireAccess } from '../auth/access.js';
import type { Database } from '../db/index.js';
import { decodeIdCursor, type Page, pageOf } from '../http/pagination.js';
import { parseTimestampQuery } from '../http/timestamp-query.js';
import { type AuditEntryDto, toAuditEntryDto } from './dto.js';
import * as repo from './repository.js';
import type { ListAuditQuery } from './schemas.js';

export type AuditQuery = Static<typeof ListAuditQuery>;

export function createAuditService({ db }: { db: Database }) {
  return {
    /** The audit trail, newest first, for holders of `audit:read`. */
    async list(auth: Auth, query: AuditQuery): Promise<Page<AuditEntryDto>> {
      requireAccess(auth, 'audit:read');
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
      return pageOf(rows.map(toAuditEntryDto), query.limit, (last) => ({ id: last.id }));
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
