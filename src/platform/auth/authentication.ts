import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { forbidden, unauthorized } from '../errors/index.js';
import { currentContext } from '../http/request-context.js';
import { createAuthenticator } from './authenticator.js';
import type { Principal } from './principal.js';

const SECURITY: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { apiKey: [] }];
const ErrorRef = Type.Ref('ErrorEnvelope');

function credentialsOf(request: FastifyRequest): { bearer?: string; apiKey?: string } {
  const authorization = request.headers.authorization;
  const apiKey = request.headers['x-api-key'];
  const result: { bearer?: string; apiKey?: string } = {};
  if (typeof authorization === 'string' && authorization.length > 0) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match)
      throw unauthorized('The Authorization header must be `Bearer <token>`', 'INVALID_TOKEN');
    result.bearer = match[1];
  }
  if (typeof apiKey === 'string' && apiKey.length > 0) result.apiKey = apiKey.trim();
  return result;
}

/**
 * Authentication for every request and authorization for routes that ask for it. Credentials
 * (`Authorization: Bearer <jwt>` or `X-API-Key`) become `request.principal`; invalid ones are a
 * 401 whatever the route. A route with `config.permission` or `config.authenticated` gets a
 * guard (401 without credentials, 403 without the permission) and the matching OpenAPI entries.
 */
async function authenticationPlugin(app: FastifyInstance) {
  const authenticator = createAuthenticator({
    db: app.lectern.database.db,
    jwtSecret: app.lectern.jwtSecret,
    log: app.log,
    credentials: app.lectern.credentials,
  });
  app.decorate('authenticator', authenticator);
  app.decorateRequest('principal', null);

  app.addHook('onRequest', async (request) => {
    // Probes and the metrics scrape carry no user credentials (a Bearer there is METRICS_TOKEN).
    if (request.routeOptions.config?.operational) return;
    const { bearer, apiKey } = credentialsOf(request);
    let principal: Principal | null = null;
    if (bearer) principal = await authenticator.fromAccessToken(bearer);
    else if (apiKey) principal = await authenticator.fromApiKey(apiKey);
    if (!principal) return;
    request.principal = principal;
    const context = currentContext();
    if (context) {
      context.userId = principal.userId;
      context.actorType = principal.type;
      if (principal.apiKeyId) context.apiKeyId = principal.apiKeyId;
    }
  });

  app.addHook('onRoute', (route: RouteOptions) => {
    const { permission, authenticated } = route.config ?? {};
    if (!permission && !authenticated) return;
    // Runs before validation: callers without rights learn nothing about the route's schema.
    const guard = async (request: FastifyRequest) => {
      if (!request.principal) throw unauthorized();
      if (permission && !request.principal.permissions.has(permission))
        throw forbidden(`This needs the permission ${permission}`, 'PERMISSION_DENIED');
    };
    const existing = route.preValidation;
    route.preValidation = existing
      ? [guard, ...(Array.isArray(existing) ? existing : [existing])]
      : [guard];
    const schema = route.schema ?? {};
    route.schema = {
      ...schema,
      security: SECURITY,
      response: { ...(schema.response as object | undefined), 401: ErrorRef, 403: ErrorRef },
    };
  });
}

export const authentication = fp(authenticationPlugin, {
  name: 'lectern-auth',
  fastify: '5.x',
  dependencies: ['lectern-http'],
});

declare module 'fastify' {
  interface FastifyInstance {
    /** Turns credentials into principals (the WebSocket handshake uses `verifyToken`). */
    authenticator: ReturnType<typeof createAuthenticator>;
  }
}
