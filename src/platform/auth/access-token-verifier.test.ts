import { randomBytes, randomUUID } from 'node:crypto';
import { decodeJwt, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { testClock } from '../clock/index.js';
import { createAccessTokenVerifier } from './access-token-verifier.js';
import { signAccessToken } from './tokens.js';

const secret = randomBytes(32);
const claims = { userId: randomUUID(), sessionId: randomUUID(), roles: ['learner' as const] };

function setup(maxEntries = 100) {
  const clock = testClock();
  return { clock, verifier: createAccessTokenVerifier({ secret, clock, maxEntries }) };
}

const expiryMs = (token: string) => (decodeJwt(token).exp as number) * 1000;

describe('access token verifier', () => {
  it('should accept a cached token until its exp and refuse it as expired from then on', async () => {
    const { clock, verifier } = setup();
    const token = await signAccessToken(secret, claims, 60);
    expect(await verifier.verify(token)).toEqual({ ok: true, claims });
    expect(verifier.size()).toBe(1);

    clock.set(expiryMs(token) - 1);
    expect(await verifier.verify(token)).toEqual({ ok: true, claims });
    clock.set(expiryMs(token));
    expect(await verifier.verify(token)).toEqual({ ok: false, reason: 'expired' });
    expect(verifier.size()).toBe(0);
    // Not cached any more, the signature check says the same.
    expect(await verifier.verify(token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('should neither cache nor accept tampered, foreign-signed or garbage tokens', async () => {
    const { verifier } = setup();
    const token = await signAccessToken(secret, claims, 60);
    await verifier.verify(token);
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(43)}`;
    const foreign = await signAccessToken(randomBytes(32), claims, 60);
    for (const bad of [forged, foreign, 'garbage', `${token}x`])
      expect(await verifier.verify(bad)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifier.size()).toBe(1);
  });

  it('should not cache a token with nbf, and refuse it before then', async () => {
    const { clock, verifier } = setup();
    const now = Math.floor(clock.nowMs() / 1000);
    const token = await new SignJWT({ sid: claims.sessionId, roles: claims.roles })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuer('lectern')
      .setAudience('lectern-api')
      .setJti('j')
      .setIssuedAt(now)
      .setNotBefore(now + 10)
      .setExpirationTime(now + 60)
      .sign(secret);
    expect(await verifier.verify(token)).toEqual({ ok: false, reason: 'invalid' });
    clock.advance(20_000);
    expect(await verifier.verify(token)).toEqual({ ok: true, claims });
    expect(verifier.size()).toBe(0);
  });

  it('should keep at most maxEntries tokens', async () => {
    const { verifier } = setup(2);
    for (let i = 0; i < 3; i++) await verifier.verify(await signAccessToken(secret, claims, 60));
    expect(verifier.size()).toBe(2);
  });
});
