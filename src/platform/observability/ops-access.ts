import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Who may read operational detail: the holder of `METRICS_TOKEN`, or an admin signed in with a
 * Bearer access token. Probes run without the authentication hook (they carry no user
 * credentials), so the token is checked here; a bad or expired one only means "no details".
 */
export function createOpsAccess(app: FastifyInstance, metricsToken: string | undefined) {
  const expected = metricsToken ? Buffer.from(metricsToken) : null;

  const bearerOf = (request: FastifyRequest) =>
    BEARER.exec(request.headers.authorization ?? '')?.[1];

  function hasMetricsToken(request: FastifyRequest): boolean {
    const sent = bearerOf(request);
    if (!expected || sent === undefined) return false;
    const given = Buffer.from(sent);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  async function isAdmin(request: FastifyRequest): Promise<boolean> {
    const bearer = bearerOf(request);
    if (bearer === undefined) return false;
    try {
      const principal = await app.authenticator.fromAccessToken(bearer);
      return principal.roles.includes('admin');
    } catch {
      return false;
    }
  }

  return {
    hasMetricsToken,
    /** Breaker names, error messages and per-check results: for operators only. */
    maySeeDetails: async (request: FastifyRequest) =>
      hasMetricsToken(request) || (await isAdmin(request)),
  };
}
