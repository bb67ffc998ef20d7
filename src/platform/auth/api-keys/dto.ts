import type { ApiKeyRow } from './repository.js';

/** A key as lists show it: never the secret or its hash. */
export function toApiKeyDto(row: ApiKeyRow) {
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

export type ApiKeyDto = ReturnType<typeof toApiKeyDto>;
