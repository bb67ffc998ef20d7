import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock/index.js';
import type { Database } from '../db/index.js';
import { unauthorized } from '../errors/index.js';
import { createAccessTokenVerifier } from './access-token-verifier.js';
import { looksLikeApiKey } from './api-keys/key-format.js';
import * as keysRepo from './api-keys/repository.js';
import type { CachedApiKey, CachedSession, CredentialCache } from './credential-cache.js';
import { isPermission, isRole, permissionsOf } from './permissions.js';
import type { Principal } from './principal.js';
import * as repo from './repository.js';
import { sha256 } from './tokens.js';

const invalidApiKey = () => unauthorized('The API key is not valid', 'INVALID_API_KEY');
const sessionRevoked = () =>
  unauthorized('This session has ended; sign in again', 'SESSION_REVOKED');

/** `last_used_at` of a key is stamped at most this often. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Turns credentials into a principal. Sessions and keys come from the credential cache, which
 * every revocation empties of what it revoked, in every process, before the revoking request
 * answers; so revocations apply at once without a database read per request.
 */
export function createAuthenticator(deps: {
  db: Database;
  jwtSecret: Uint8Array;
  log: FastifyBaseLogger;
  credentials: CredentialCache;
  clock: Clock;
  /** How many verified access tokens each process remembers (CACHE_MAX_ENTRIES). */
  maxTokens: number;
}) {
  const { db, jwtSecret, log, credentials, clock } = deps;
  const tokens = createAccessTokenVerifier({
    secret: jwtSecret,
    clock,
    maxEntries: deps.maxTokens,
  });
  /**
   * The principal built from a cached session, reused while the cache hands out that same
   * object: a revocation or reload replaces it, and with it the principal.
   */
  const principals = new WeakMap<CachedSession, Principal>();

  const loadSession = async (sessionId: string): Promise<CachedSession | undefined> => {
    const row = await repo.findLiveSessionUser(db, sessionId);
    return row && { userId: row.userId, roles: row.roles, expiresAt: row.expiresAt.getTime() };
  };

  /** The principal of a live session of `userId`, or null (ended, expired, user disabled). */
  async function principalOfSession(sessionId: string, userId: string): Promise<Principal | null> {
    const session = await credentials.session(sessionId, () => loadSession(sessionId));
    if (!session || session.userId !== userId || session.expiresAt <= clock.nowMs()) return null;
    const known = principals.get(session);
    if (known?.sessionId === sessionId) return known;
    const roles = session.roles.filter(isRole);
    const principal: Principal = Object.freeze({
      type: 'user',
      userId,
      sessionId,
      roles: Object.freeze(roles),
      permissions: permissionsOf(roles),
    });
    principals.set(session, principal);
    return principal;
  }

  async function fromAccessToken(token: string): Promise<Principal> {
    const result = await tokens.verify(token);
    if (!result.ok)
      throw result.reason === 'expired'
        ? unauthorized('The access token has expired; refresh it', 'TOKEN_EXPIRED')
        : unauthorized('The access token is not valid', 'INVALID_TOKEN');
    const principal = await principalOfSession(result.claims.sessionId, result.claims.userId);
    if (!principal) throw sessionRevoked();
    return principal;
  }

  const loadKey = async (secretHash: string): Promise<CachedApiKey | undefined> => {
    const row = await keysRepo.findLiveKeyByHash(db, secretHash);
    return (
      row && {
        id: row.id,
        ownerId: row.ownerId,
        ownerRoles: row.ownerRoles,
        scopes: row.scopes,
        lastUsedAt: row.lastUsedAt?.getTime() ?? null,
      }
    );
  };

  async function fromApiKey(key: string): Promise<Principal> {
    if (!looksLikeApiKey(key)) throw invalidApiKey();
    const secretHash = sha256(key);
    const row = await credentials.apiKey(secretHash, () => loadKey(secretHash));
    if (!row) throw invalidApiKey();
    const roles = row.ownerRoles.filter(isRole);
    const ownerPermissions = permissionsOf(roles);
    // A key never grants more than its owner holds today, whatever it was created with.
    const permissions = new Set(
      row.scopes.filter(isPermission).filter((scope) => ownerPermissions.has(scope)),
    );
    const now = Date.now();
    if (row.lastUsedAt === null || now - row.lastUsedAt > TOUCH_INTERVAL_MS) {
      row.lastUsedAt = now;
      await keysRepo
        .touchApiKey(db, row.id)
        .catch((err) => log.warn({ err }, 'could not record API key use'));
    }
    return { type: 'api_key', userId: row.ownerId, apiKeyId: row.id, roles, permissions };
  }

  return {
    fromAccessToken,
    fromApiKey,
    principalOfSession,
    /** For the WebSocket handshake: the principal of an access token, or null. */
    verifyToken: (token: string): Promise<Principal | null> =>
      fromAccessToken(token).catch(() => null),
  };
}

export type Authenticator = ReturnType<typeof createAuthenticator>;
