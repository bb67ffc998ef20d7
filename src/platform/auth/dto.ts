import type { Static } from 'typebox';
import type { SessionRow } from './repository.js';
import type { SessionSchema } from './schemas.js';

export type SessionDto = Static<typeof SessionSchema>;

export function toSessionDto(row: SessionRow, currentSessionId: string | undefined): SessionDto {
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
