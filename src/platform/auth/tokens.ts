import { createHash, randomBytes, randomUUID, type webcrypto } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { isRole, type Role } from './permissions.js';

const ISSUER = 'lectern';
const AUDIENCE = 'lectern-api';

export interface AccessClaims {
  userId: string;
  sessionId: string;
  roles: readonly Role[];
}

/** Signs a short-lived access token (HS256) for one session. */
export async function signAccessToken(
  secret: Uint8Array,
  claims: AccessClaims,
  ttlSeconds: number,
  /** When it is issued: the app's clock, which verification reads too. */
  now: Date = new Date(),
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ sid: claims.sessionId, roles: claims.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .setJti(randomUUID())
    .sign(secret);
}

export type VerifyResult =
  | { ok: true; claims: AccessClaims }
  | { ok: false; reason: 'expired' | 'invalid' };

/** A verification with the token's `exp` and `nbf` (epoch seconds), for whoever caches it. */
export type TimedVerifyResult =
  | { ok: true; claims: AccessClaims; expiresAt?: number; notBefore?: number }
  | { ok: false; reason: 'expired' | 'invalid' };

/**
 * Checks signature (HS256 only), issuer, audience and expiry (at `now`, default the real time).
 * The claims returned are frozen: a verifier may hand the same ones to many requests.
 */
export async function verifyAccessToken(
  secret: Uint8Array | webcrypto.CryptoKey,
  token: string,
  now?: Date,
): Promise<TimedVerifyResult> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ['sub', 'sid', 'exp', 'iat', 'jti'],
      ...(now ? { currentDate: now } : {}),
    });
    const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string')
      return { ok: false, reason: 'invalid' };
    const claims = Object.freeze({
      userId: payload.sub,
      sessionId: payload.sid,
      roles: Object.freeze(roles),
    });
    return { ok: true, claims, expiresAt: payload.exp, notBefore: payload.nbf };
  } catch (error) {
    return { ok: false, reason: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
  }
}

/** An opaque, high-entropy token (refresh tokens, API key secrets). */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** SHA-256 hex: enough for high-entropy tokens, which cannot be guessed from their hash. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
