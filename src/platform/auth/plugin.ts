import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { warmPasswordCheck } from './passwords.js';
import { authRoutes } from './routes.js';
import { createAuthService } from './service.js';

/** `/api/v1/auth`: sign-up, sign-in, tokens, sessions and permission checks. */
async function authPluginRoutes(app: FastifyInstance) {
  const { config, database, jwtSecret, revocations, credentials, clock } = app.lectern;
  void warmPasswordCheck();
  await app.register(authRoutes, {
    service: createAuthService({
      db: database.db,
      config,
      jwtSecret,
      revocations,
      credentials,
      clock,
    }),
  });
}

// Encapsulated (its routes take the prefix it is registered with), named and ordered.
export const authPlugin = fp(authPluginRoutes, {
  name: 'lectern-auth-routes',
  fastify: '5.x',
  dependencies: ['lectern-http', 'lectern-auth', 'lectern-limits'],
  encapsulate: true,
});
