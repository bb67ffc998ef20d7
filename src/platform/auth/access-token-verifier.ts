import { webcrypto } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Clock } from '../clock/index.js';
import { type AccessClaims, type VerifyResult, verifyAccessToken } from './tokens.js';

interface Verified {
  claims: AccessClaims;
  /** The token's `exp` in ms: from then on it is expired, cached or not. */
  expiresAtMs: number;
}

export interface AccessTokenVerifierOptions {
  secret: Uint8Array;
  clock: Clock;
  /** How many verified tokens are kept (LRU). */
  maxEntries: number;
}

/**
 * Verifies access tokens, remembering the ones that passed until their `exp`, so a client
 * sending the same token again skips the HMAC and the claims parsing. Only what the token itself
 * says is cached: whether its session still lives is asked of the credential cache on every
 * request, so a revocation still ends the token at once. Failed tokens are not cached (anyone
 * can send garbage; it must not evict real entries), nor tokens with `nbf`.
 */
export function createAccessTokenVerifier({
  secret,
  clock,
  maxEntries,
}: AccessTokenVerifierOptions) {
  // The entry's TTL only bounds memory; expiry is checked against the clock on every hit.
  const verified = new LRUCache<string, Verified>({ max: Math.max(1, maxEntries) });
  let key: Promise<webcrypto.CryptoKey> | undefined;
  // Imported once: jose would import a raw secret again for every verification.
  const cryptoKey = () =>
    (key ??= webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, [
      'verify',
    ]));

  async function verify(token: string): Promise<VerifyResult> {
    const now = clock.nowMs();
    const hit = verified.get(token);
    if (hit) {
      if (now < hit.expiresAtMs) return { ok: true, claims: hit.claims };
      verified.delete(token);
      return { ok: false, reason: 'expired' };
    }
    const result = await verifyAccessToken(await cryptoKey(), token, new Date(now));
    if (result.ok && result.expiresAt !== undefined && result.notBefore === undefined) {
      const expiresAtMs = result.expiresAt * 1000;
      const ttl = expiresAtMs - now;
      if (ttl > 0) verified.set(token, { claims: result.claims, expiresAtMs }, { ttl });
    }
    return result.ok ? { ok: true, claims: result.claims } : result;
  }

  return { verify, size: () => verified.size };
}

export type AccessTokenVerifier = ReturnType<typeof createAccessTokenVerifier>;
