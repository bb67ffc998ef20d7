import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { apiKeysRoutes } from './routes.js';
import { createApiKeysService } from './service.js';

/** `/api/v1/api-keys`: keys for integrations, scoped to their owner's permissions. */
async function apiKeysPluginRoutes(app: FastifyInstance) {
  await app.register(apiKeysRoutes, {
    service: createApiKeysService({
      db: app.lectern.database.db,
      revocations: app.lectern.revocations,
      clock: app.lectern.clock,
    }),
  });
}

// Encapsulated (its routes take the prefix it is registered with), named and ordered.
export const apiKeysPlugin = fp(apiKeysPluginRoutes, {
  name: 'lectern-api-keys',
  fastify: '5.x',
  dependencies: ['lectern-http', 'lectern-auth'],
  encapsulate: true,
});
