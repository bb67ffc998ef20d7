import type { FastifyInstance } from 'fastify';
import { apiKeysRoutes } from './routes.js';
import { createApiKeysService } from './service.js';

/** `/api/v1/api-keys`: keys for integrations, scoped to their owner's permissions. */
export async function apiKeysPlugin(app: FastifyInstance) {
  await app.register(apiKeysRoutes, {
    service: createApiKeysService({
      db: app.lectern.database.db,
      revocations: app.lectern.revocations,
      clock: app.lectern.clock,
    }),
  });
}
