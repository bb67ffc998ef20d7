import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Permission } from '#platform/auth/index.js';
import { forbidden, unauthorized, validationError } from '#platform/errors/index.js';

export const XAPI_VERSION = '2.0.0';
const ACCEPTED_VERSION = /^(1\.0|2\.0)(\.\d+)?$/;
const REALM = 'Basic realm="Lectern LRS", charset="UTF-8"';

/**
 * What every /xapi request goes through: the version header (sent back on every response),
 * a caller (the platform reads the API key from HTTP Basic), and the scope the route needs
 * (`config.xapiScopes`).
 */
export function xapiHooks(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('X-Experience-API-Version', XAPI_VERSION);
    // Credentials are read by the platform (an API key as HTTP Basic among them); a refusal
    // tells xAPI clients how to authenticate.
    if (reply.statusCode === 401) reply.header('WWW-Authenticate', REALM);
    return payload;
  });
  // The OpenAPI `x-access` the platform writes only knows its own guard: say what this one needs.
  app.addHook('onRoute', (route) => {
    const scopes = route.config?.xapiScopes;
    route.schema = {
      ...route.schema,
      'x-access': scopes ? { kind: 'permission', permissions: [...scopes] } : { kind: 'public' },
    };
  });
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const scopes = request.routeOptions.config?.xapiScopes;
    if (!scopes) return;
    const principal = request.principal;
    if (!principal)
      throw unauthorized('Send an API key as HTTP Basic credentials', 'XAPI_CREDENTIALS_REQUIRED');
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
