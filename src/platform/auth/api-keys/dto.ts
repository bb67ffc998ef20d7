import type { Static } from 'typebox';
import type { ApiKeyRow } from './repository.js';
import type { ApiKeySchema } from './schemas.js';

export type ApiKeyDto = Static<typeof ApiKeySchema>;

/** A key as lists show it: never the secret or its hash. */
export function toApiKeyDto(row: ApiKeyRow): ApiKeyDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    ownerId: row.ownerId,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
