import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ModuleManifest } from '#platform/module-contract/index.js';
import { timetablingPermissions } from './permissions.js';
import { termRoutes } from './terms/routes.js';
import { createTermService } from './terms/service.js';

/**
 * Timetabling: terms stored in the database (`terms/`: grid, rooms, instructors, courses,
 * curricula; imports from `.ctt` and JSON) around the pure engine (`engine/`).
 */
async function timetablingPlugin(app: FastifyInstance) {
  const { database } = app.lectern;
  const terms = createTermService(database.db);
  await app.register(
    async (api) => {
      await api.register(termRoutes, { service: terms });
    },
    { prefix: '/api/v1' },
  );
}

export const timetablingModule = fp(timetablingPlugin, {
  name: 'lectern-timetabling',
  fastify: '5.x',
  dependencies: ['lectern-http', 'lectern-auth', 'lectern-jobs'],
});

export const timetablingManifest: ModuleManifest = {
  name: 'timetabling',
  plugin: timetablingModule,
  permissions: timetablingPermissions,
};
