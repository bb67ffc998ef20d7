import { writeAudit } from '../../audit/writer.js';
import { type Database, inTransaction } from '../../db/index.js';
import { forbidden, notFound } from '../../errors/index.js';
import { appendEvent } from '../../events/index.js';
import { decodeIdCursor, pageMeta } from '../../http/pagination.js';
import { canActOn, requirePrincipal } from '../access.js';
import type { Permission } from '../permissions.js';
import type { Principal } from '../principal.js';
import type { Revocations } from '../revocations.js';
import { sha256 } from '../tokens.js';
import { toApiKeyDto } from './dto.js';
import { generateApiKey } from './key-format.js';
import * as repo from './repository.js';

export function createApiKeysService({
  db,
  revocations,
}: {
  db: Database;
  /** A revoked key stops working in every process before the revoke request answers. */
  revocations: Pick<Revocations, 'publish'>;
}) {
  return {
    /** Creates a key whose scopes the caller holds; the secret is returned once, never stored. */
    async create(principal: Principal | null, input: { name: string; scopes: Permission[] }) {
      const caller = requirePrincipal(principal);
      if (caller.type !== 'user')
        throw forbidden('API keys are created by signed-in users', 'USER_SESSION_REQUIRED');
      const missing = input.scopes.filter((s) => !caller.permissions.has(s));
      if (missing.length)
        throw forbidden(
          `A key cannot have permissions you do not hold: ${missing.join(', ')}`,
          'SCOPE_NOT_HELD',
        );
      const { key, prefix } = generateApiKey();
      return inTransaction(db, async ({ tx }) => {
        const id = await repo.insertApiKey(
          tx,
          { ownerId: caller.userId, name: input.name, prefix, secretHash: sha256(key) },
          input.scopes,
        );
        await appendEvent(tx, {
          type: 'apikey.created',
          subjectType: 'api_key',
          subjectId: id,
          actorId: caller.userId,
          data: { ownerId: caller.userId, name: input.name, prefix, scopes: input.scopes },
        });
        await writeAudit(tx, {
          action: 'api_key.created',
          resourceType: 'api_key',
          resourceId: id,
          details: { name: input.name, prefix, scopes: input.scopes },
        });
        const row = await repo.findApiKey(tx, id);
        return { ...toApiKeyDto(row!), key };
      });
    },

    async listOwn(principal: Principal | null, query: { limit: number; cursor?: string }) {
      const caller = requirePrincipal(principal);
      const beforeId = query.cursor ? decodeIdCursor(query.cursor) : undefined;
      const rows = await repo.listOwnKeys(db, caller.userId, beforeId, query.limit);
      const page = pageMeta(rows, query.limit, (last) => ({ id: last.id }));
      return { items: page.items.map(toApiKeyDto), meta: page.meta };
    },

    /** Revokes a key: its owner's, or anyone's with `apikeys:manage` (404 otherwise). */
    async revoke(principal: Principal | null, id: string): Promise<void> {
      await inTransaction(db, async ({ tx, afterCommit }) => {
        const key = await repo.findApiKey(tx, id);
        // Someone else's key is as unknown as a missing one: no oracle for key ids.
        if (!key || key.revokedAt || !canActOn(principal, key.ownerId, 'apikeys:manage'))
          throw notFound('API key', 'API_KEY_NOT_FOUND');
        await repo.revokeApiKey(tx, id);
        // Cached keys are dropped with everything else cached about their owner.
        afterCommit(() => revocations.publish({ rights: [key.ownerId] }));
        await appendEvent(tx, {
          type: 'apikey.revoked',
          subjectType: 'api_key',
          subjectId: id,
          actorId: principal?.userId ?? null,
          data: { ownerId: key.ownerId, prefix: key.prefix },
        });
        await writeAudit(tx, {
          action: 'api_key.revoked',
          resourceType: 'api_key',
          resourceId: id,
          details: { ownerId: key.ownerId, prefix: key.prefix },
        });
      });
    },
  };
}

export type ApiKeysService = ReturnType<typeof createApiKeysService>;
