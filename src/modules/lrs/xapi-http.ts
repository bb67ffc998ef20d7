import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '#platform/auth/index.js';
import { forbidden, unauthorized, validationError } from '#platform/errors/index.js';

export const XAPI_VERSION = '2.0.0';
const ACCEPTED_VERSION = /^(1\.0|2\.0)(\.\d+)?$/;
const REALM = 'Basic realm="Lectern LRS", charset="UTF-8"';

/** The Lectern API key in `Authorization: Basic`: `lk_<prefix>` as user, the secret as password (or the whole key as password). */
function keyOfBasic(header: string): string | null {
  const match = /^Basic\s+(\S+)\s*$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  return password.startsWith('lk_') ? password : `${user}_${password}`;
}

/**
 * What every /xapi request goes through: the version header (sent back on every response),
 * Basic authentication with an API key, and the scope the route needs (`config.xapiScopes`).
 */
export function xapiHooks(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('X-Experience-API-Version', XAPI_VERSION);
    return payload;
  });
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const scopes = request.routeOptions.config?.xapiScopes;
    if (!scopes) return;
    const header = request.headers.authorization;
    const key = typeof header === 'string' ? keyOfBasic(header) : null;
    if (!key) {
      reply.header('WWW-Authenticate', REALM);
      throw unauthorized('Send an API key as HTTP Basic credentials', 'XAPI_CREDENTIALS_REQUIRED');
    }
    let principal: Awaited<ReturnType<typeof app.authenticator.fromApiKey>>;
    try {
      principal = await app.authenticator.fromApiKey(key);
    } catch (err) {
      reply.header('WWW-Authenticate', REALM);
      throw err;
    }
    request.principal = principal;
    if (!scopes.some((s) => principal.permissions.has(s)))
      throw forbidden(`This needs the scope ${scopes.join(' or ')}`, 'PERMISSION_DENIED');
    const version = request.headers['x-experience-api-version'];
    if (typeof version !== 'string' || !ACCEPTED_VERSION.test(version.trim()))
      throw validationError(
        'X-Experience-API-Version: send 2.0.x (or 1.0.x)',
        [{ path: '/headers/x-experience-api-version', message: 'missing or unsupported' }],
        'XAPI_VERSION',
      );
  });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The xAPI scopes a /xapi route accepts (one of them). */
    xapiScopes?: readonly Permission[];
  }
}
