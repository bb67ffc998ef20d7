import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { forbidden, unauthorized } from '../errors/index.js';
import { currentContext } from '../http/request-context.js';
import { requireUserSession } from './access.js';
import { createAuthenticator } from './authenticator.js';
import { apiKeyOfBasic } from './basic-api-key.js';
import type { Principal } from './principal.js';

const SECURITY: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { apiKey: [] }];
const ErrorRef = Type.Ref('ErrorEnvelope');

function credentialsOf(request: FastifyRequest): { bearer?: string; apiKey?: string } {
  const authorization = request.headers.authorization;
  const apiKey = request.headers['x-api-key'];
  const result: { bearer?: string; apiKey?: string } = {};
  if (typeof authorization === 'string' && authorization.length > 0) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const basicKey = match ? undefined : apiKeyOfBasic(authorization);
    if (!match && !basicKey)
      throw unauthorized('The Authorization header must be `Bearer <token>`', 'INVALID_TOKEN');
    if (match) result.bearer = match[1];
    else result.apiKey = basicKey;
  }
  if (typeof apiKey === 'string' && apiKey.length > 0) result.apiKey = apiKey.trim();
  return result;
}

/**
 * Who may call an operation, as the OpenAPI document states it (`x-access`), derived from the
 * same route config the guard enforces, so the authorization matrix test can be generated from
 * the document: `public`, `authenticated` (any credential), `session` (a user's session, never
 * an API key) or `permission` (one of `permissions`; with `session: true` when sessionOnly too).
 * Operational routes (probes, metrics) are `operational`; other undeclared routes `undeclared`.
 */
export interface AccessDeclaration {
  kind: 'public' | 'authenticated' | 'session' | 'permission' | 'operational' | 'undeclared';
  permissions?: string[];
  session?: boolean;
}

function accessOf(
  config: NonNullable<RouteOptions['config']>,
  permissions: readonly string[],
): AccessDeclaration {
  if (permissions.length > 0)
    return { kind: 'permission', permissions: [...permissions], session: !!config.sessionOnly };
  if (config.sessionOnly) return { kind: 'session' };
  if (config.authenticated) return { kind: 'authenticated' };
  if (config.public) return { kind: 'public' };
  if (config.operational) return { kind: 'operational' };
  return { kind: 'undeclared' };
}

/**
 * Authentication for every request and authorization for routes that ask for it. Credentials
 * (`Authorization: Bearer <jwt>`, `X-API-Key`, or an API key as HTTP Basic) become `request.principal`; invalid ones are a
 * 401 whatever the route, and spend the client's anonymous rate-limit budget (then 429). A route
 * with `config.permission`, `sessionOnly` or `authenticated` gets a guard (401 without
 * credentials, 403 without the permission or with an API key where a session is needed) and the
 * matching OpenAPI entries. An `/api/v1` route declaring none of these nor `public` stops
 * start-up, so a new route cannot forget to say who may call it.
 */
async function authenticationPlugin(app: FastifyInstance) {
  const authenticator = createAuthenticator({
    db: app.lectern.database.db,
    jwtSecret: app.lectern.jwtSecret,
    log: app.log,
    credentials: app.lectern.credentials,
    clock: app.lectern.clock,
    maxTokens: app.lectern.config.CACHE_MAX_ENTRIES,
  });
  app.decorate('authenticator', authenticator);
  app.decorateRequest('principal', null);

  async function principalOf(request: FastifyRequest): Promise<Principal | null> {
    const { bearer, apiKey } = credentialsOf(request);
    if (bearer) return authenticator.fromAccessToken(bearer);
    if (apiKey) return authenticator.fromApiKey(apiKey);
    return null;
  }

  async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    let principal: Principal | null;
    try {
      principal = await principalOf(request);
    } catch (err) {
      // Refused before the route's own rate limit runs: each failure spends the client's
      // anonymous budget instead, or guessing keys and tokens would never be limited (429 wins).
      await app.spendFailedAuthentication?.(request, reply);
      throw err;
    }
    if (!principal) return;
    request.principal = principal;
    const context = currentContext();
    if (context) {
      context.userId = principal.userId;
      context.actorType = principal.type;
      if (principal.apiKeyId) context.apiKeyId = principal.apiKeyId;
    }
  }

  // A callback hook: requests without credentials pass without a promise of their own.
  app.addHook('onRequest', (request, reply, done) => {
    // Probes and the metrics scrape carry no user credentials (a Bearer there is METRICS_TOKEN).
    if (request.routeOptions.config?.operational) return done();
    if (!request.headers.authorization && !request.headers['x-api-key']) return done();
    authenticate(request, reply).then(() => done(), done);
  });

  app.addHook('onRoute', (route: RouteOptions) => {
    const config = route.config ?? {};
    const { authenticated, sessionOnly } = config;
    const permissions = config.permission === undefined ? [] : [config.permission].flat();
    const guarded = permissions.length > 0 || !!authenticated || !!sessionOnly;
    if (!guarded && !config.public && route.url.startsWith('/api/v1'))
      throw new Error(
        `${route.method} ${route.url} declares no access: set config.permission, sessionOnly, authenticated or public`,
      );
    route.schema = { ...route.schema, 'x-access': accessOf(config, permissions) };
    if (!guarded) return;
    // Runs before validation: callers without rights learn nothing about the route's schema.
    const guard = async (request: FastifyRequest) => {
      const principal = request.principal;
      if (!principal) throw unauthorized();
      if (sessionOnly) requireUserSession(principal);
      if (permissions.length && !permissions.some((p) => principal.permissions.has(p)))
        throw forbidden(
          `This needs the permission ${permissions.join(' or ')}`,
          'PERMISSION_DENIED',
        );
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

declare module 'fastify' {
  interface FastifySchema {
    /** Who may call the operation, written by the authentication hook (see `AccessDeclaration`). */
    'x-access'?: AccessDeclaration;
  }
}
