import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ModuleGdpr } from './hooks.js';
import { gdprRoutes } from './routes.js';
import { createGdprService } from './service.js';

/** `GET /users/:id/export` and `POST /users/:id/erase`, over the platform and every module. */
async function gdprPluginRoutes(app: FastifyInstance, { gdpr }: { gdpr: readonly ModuleGdpr[] }) {
  const { database, cache, revocations, clock } = app.lectern;
  const service = createGdprService({
    db: database.db,
    cache,
    revocations,
    clock,
    modules: gdpr,
  });
  await app.register(gdprRoutes, { service });
}

// Encapsulated (its routes take the prefix it is registered with), named and ordered.
export const gdprPlugin = fp(gdprPluginRoutes, {
  name: 'lectern-gdpr',
  fastify: '5.x',
  dependencies: ['lectern-http', 'lectern-auth'],
  encapsulate: true,
});
