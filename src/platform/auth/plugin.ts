import type { FastifyInstance } from 'fastify';
import { warmPasswordCheck } from './passwords.js';
import { authRoutes } from './routes.js';
import { createAuthService } from './service.js';

/** `/api/v1/auth`: sign-up, sign-in, tokens, sessions and permission checks. */
export async function authPlugin(app: FastifyInstance) {
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
