import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { cookieAuthRoutes } from './cookie-routes.js';
import { warmPasswordCheck } from './passwords.js';
import { authRoutes } from './routes.js';
import { createAuthService } from './service.js';

/** `/api/v1/auth`: sign-up, sign-in, tokens, sessions and permission checks. */
async function authPluginRoutes(app: FastifyInstance) {
  const { config, database, jwtSecret, revocations, credentials, clock } = app.lectern;
  void warmPasswordCheck();
  const service = createAuthService({
    db: database.db,
    config,
    jwtSecret,
    revocations,
    credentials,
    clock,
  });
  await app.register(authRoutes, { service });
  await app.register(cookieAuthRoutes, { service, refreshTtlSeconds: config.REFRESH_TTL });
}

// Encapsulated (its routes take the prefix it is registered with), named and ordered.
export const authPlugin = fp(authPluginRoutes, {
  name: 'lectern-auth-routes',
  fastify: '5.x',
  dependencies: ['lectern-http', 'lectern-auth', 'lectern-limits'],
  encapsulate: true,
});
