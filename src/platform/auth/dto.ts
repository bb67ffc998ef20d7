import type { SessionRow } from './repository.js';

export function toSessionDto(row: SessionRow, currentSessionId: string | undefined) {
  return {
    id: row.id,
    current: row.id === currentSessionId,
    userAgent: row.userAgent,
    ip: row.ip,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}
