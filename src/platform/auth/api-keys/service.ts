import type { Static } from 'typebox';
import { writeAudit } from '../../audit/writer.js';
import type { Clock } from '../../clock/index.js';
import { type Database, inTransaction } from '../../db/index.js';
import { forbidden, notFound } from '../../errors/index.js';
import { appendEvent } from '../../events/index.js';
import { decodeIdCursor, type Page, pageOf } from '../../http/pagination.js';
import { type Auth, mayAccess, requirePrincipal, requireUserSession } from '../access.js';
import type { Revocations } from '../revocations.js';
import { sha256 } from '../tokens.js';
import { type ApiKeyDto, toApiKeyDto } from './dto.js';
import { generateApiKey } from './key-format.js';
import * as repo from './repository.js';
import type { createApiKeyBody, ListApiKeysQuery } from './schemas.js';

export function createApiKeysService({
  db,
  revocations,
  clock,
}: {
  db: Database;
  /** A revoked key stops working in every process before the revoke request answers. */
  revocations: Pick<Revocations, 'publish'>;
  /** Dates revocations. */
  clock: Clock;
}) {
  return {
    /** Creates a key whose scopes the caller holds; the secret is returned once, never stored. */
    async create(auth: Auth, input: Static<ReturnType<typeof createApiKeyBody>>) {
      const caller = requireUserSession(auth);
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

    /** The caller's live keys, newest first. */
    async listOwn(auth: Auth, query: Static<typeof ListApiKeysQuery>): Promise<Page<ApiKeyDto>> {
      const caller = requirePrincipal(auth);
      const beforeId = query.cursor ? decodeIdCursor(query.cursor) : undefined;
      const rows = await repo.listOwnKeys(db, caller.userId, beforeId, query.limit);
      return pageOf(rows.map(toApiKeyDto), query.limit, (last) => ({ id: last.id }));
    },

    /** Revokes a key: its owner's, or anyone's with `apikeys:manage` (404 otherwise). */
    async revoke(auth: Auth, id: string): Promise<void> {
      await inTransaction(db, async ({ tx, afterCommit }) => {
        const key = await repo.findApiKey(tx, id);
        // Someone else's key is as unknown as a missing one: no oracle for key ids.
        if (!key || key.revokedAt || !mayAccess(auth, 'apikeys:manage', { ownerId: key.ownerId }))
          throw notFound('API key', 'API_KEY_NOT_FOUND');
        await repo.revokeApiKey(tx, id, clock.now());
        // Cached keys are dropped with everything else cached about their owner.
        afterCommit(() => revocations.publish({ rights: [key.ownerId] }));
        await appendEvent(tx, {
          type: 'apikey.revoked',
          subjectType: 'api_key',
          subjectId: id,
          actorId: auth?.userId ?? null,
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
