import type { FastifyInstance } from 'fastify';
import type { ModuleGdpr } from './hooks.js';
import { gdprRoutes } from './routes.js';
import { createGdprService } from './service.js';

/** `GET /users/:id/export` and `POST /users/:id/erase`, over the platform and every module. */
export async function gdprPlugin(app: FastifyInstance, { gdpr }: { gdpr: readonly ModuleGdpr[] }) {
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
