import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/index.js';
import { unauthorized } from '../errors/index.js';
import { looksLikeApiKey } from './api-keys/key-format.js';
import * as keysRepo from './api-keys/repository.js';
import { isPermission, isRole, permissionsOf } from './permissions.js';
import type { Principal } from './principal.js';
import * as repo from './repository.js';
import { sha256, verifyAccessToken } from './tokens.js';

const invalidApiKey = () => unauthorized('The API key is not valid', 'INVALID_API_KEY');

/** Turns credentials into a principal, checking the database so revocations apply at once. */
export function createAuthenticator(deps: {
  db: Database;
  jwtSecret: Uint8Array;
  log: FastifyBaseLogger;
}) {
  const { db, jwtSecret, log } = deps;

  async function fromAccessToken(token: string): Promise<Principal> {
    const result = await verifyAccessToken(jwtSecret, token);
    if (!result.ok)
      throw result.reason === 'expired'
        ? unauthorized('The access token has expired; refresh it', 'TOKEN_EXPIRED')
        : unauthorized('The access token is not valid', 'INVALID_TOKEN');
    const session = await repo.findLiveSessionUser(db, result.claims.sessionId);
    if (!session || session.userId !== result.claims.userId)
      throw unauthorized('This session has ended; sign in again', 'SESSION_REVOKED');
    const roles = session.roles.filter(isRole);
    return {
      type: 'user',
      userId: session.userId,
      sessionId: result.claims.sessionId,
      roles,
      permissions: permissionsOf(roles),
    };
  }

  async function fromApiKey(key: string): Promise<Principal> {
    if (!looksLikeApiKey(key)) throw invalidApiKey();
    const row = await keysRepo.findLiveKeyByHash(db, sha256(key));
    if (!row) throw invalidApiKey();
    const roles = row.ownerRoles.filter(isRole);
    const ownerPermissions = permissionsOf(roles);
    // A key never grants more than its owner holds today, whatever it was created with.
    const permissions = new Set(
      row.scopes.filter(isPermission).filter((scope) => ownerPermissions.has(scope)),
    );
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
      await keysRepo
        .touchApiKey(db, row.id)
        .catch((err) => log.warn({ err }, 'could not record API key use'));
    }
    return { type: 'api_key', userId: row.ownerId, apiKeyId: row.id, roles, permissions };
  }

  return {
    fromAccessToken,
    fromApiKey,
    /** For the WebSocket handshake: the principal of an access token, or null. */
    verifyToken: (token: string): Promise<Principal | null> =>
      fromAccessToken(token).catch(() => null),
  };
}

export type Authenticator = ReturnType<typeof createAuthenticator>;
