import { LRUCache } from 'lru-cache';
import type { Revocation, Revocations } from './revocations.js';

/** A live session as the authenticator needs it. */
export interface CachedSession {
  userId: string;
  roles: string[];
  /** When the session itself ends (ms); the cached entry never outlives it. */
  expiresAt: number;
}

/** A live API key of an enabled owner. `lastUsedAt` is updated in place when it is stamped. */
export interface CachedApiKey {
  id: string;
  ownerId: string;
  ownerRoles: string[];
  scopes: string[];
  lastUsedAt: number | null;
}

interface Entry {
  userId: string;
  value: unknown;
}

export interface CredentialCacheOptions {
  revocations: Pick<Revocations, 'listen' | 'trusted'>;
  /** Safety TTL of every entry; 0 turns the cache off. */
  ttlSeconds: number;
  maxEntries: number;
}

/**
 * What authenticating a request reads from the database, kept in this process: live sessions
 * with their user's roles, API keys with their owner's roles, and user DTOs (`/auth/me`). Every
 * revocation drops what it touches (see revocations.ts), in every process, before the revoking
 * response returns; the TTL is only a safety net. Revoked and unknown credentials are not
 * cached, so they always reach the database.
 *
 * A load that raced a revocation must not store what it read before the revoking commit: the
 * generation counter moves with every revocation, and a load stores only if it did not.
 */
export function createCredentialCache({
  revocations,
  ttlSeconds,
  maxEntries,
}: CredentialCacheOptions) {
  const ttlMs = ttlSeconds * 1000;
  const byUser = new Map<string, Set<string>>();
  const lru = new LRUCache<string, Entry>({
    max: Math.max(1, maxEntries),
    ttl: Math.max(1, ttlMs),
    dispose: (entry, key) => {
      const keys = byUser.get(entry.userId);
      keys?.delete(key);
      if (keys?.size === 0) byUser.delete(entry.userId);
    },
  });
  let generation = 0;
  /** `bypass`: the cache was not trusted (revocations not heard), so the database answered. */
  const counts = { hit: 0, miss: 0, bypass: 0 };

  function dropUser(userId: string) {
    for (const key of [...(byUser.get(userId) ?? [])]) lru.delete(key);
  }

  function apply(revocation: Revocation | 'resync') {
    generation++;
    if (revocation === 'resync') {
      lru.clear();
      byUser.clear();
      return;
    }
    for (const id of revocation.sessions ?? []) lru.delete(`s:${id}`);
    for (const id of revocation.users ?? []) dropUser(id);
    for (const id of revocation.rights ?? []) dropUser(id);
  }
  revocations.listen(apply);

  const enabled = () => ttlMs > 0 && revocations.trusted();

  async function through<T>(
    key: string,
    load: () => Promise<T | undefined>,
    userIdOf: (value: T) => string,
    ttlOf?: (value: T) => number,
  ): Promise<T | undefined> {
    if (!enabled()) {
      counts.bypass++;
      return load();
    }
    const hit = lru.get(key);
    if (hit) {
      counts.hit++;
      return hit.value as T;
    }
    counts.miss++;
    const seen = generation;
    const value = await load();
    if (value === undefined || seen !== generation || !enabled()) return value;
    const ttl = Math.min(ttlMs, ttlOf?.(value) ?? ttlMs);
    if (ttl <= 0) return value;
    const userId = userIdOf(value);
    lru.set(key, { userId, value }, { ttl });
    const keys = byUser.get(userId);
    if (keys) keys.add(key);
    else byUser.set(userId, new Set([key]));
    return value;
  }

  return {
    session: (sessionId: string, load: () => Promise<CachedSession | undefined>) =>
      through(
        `s:${sessionId}`,
        load,
        (s) => s.userId,
        (s) => s.expiresAt - Date.now(),
      ),
    apiKey: (secretHash: string, load: () => Promise<CachedApiKey | undefined>) =>
      through(`k:${secretHash}`, load, (k) => k.ownerId),
    /** A user's DTO (or any JSON-safe view of them) for as long as nothing about them changes. */
    user: <T extends { id: string }>(userId: string, load: () => Promise<T | undefined>) =>
      through(`u:${userId}`, load, (u) => u.id),
    stats: () => ({ ...counts, entries: lru.size }),
  };
}

export type CredentialCache = ReturnType<typeof createCredentialCache>;
