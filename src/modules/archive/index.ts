import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ModuleManifest } from '#platform/module-contract/index.js';
import { archiveDepsFor } from './context.js';
import { archiveEvents } from './events.js';
import { registerImages } from './images/index.js';
import { archivePermissions } from './permissions.js';

/**
 * The science-data archive: FITS images ingested into a searchable catalogue (`images/`: sky
 * index, header cards, versions, provenance, QA, previews) over the pure FITS engine (`fits/`)
 * and its worker-thread adapters (`fits-io/`).
 */
async function archivePlugin(app: FastifyInstance) {
  const deps = archiveDepsFor(app.lectern);
  await app.register(async (api) => registerImages(api, deps), { prefix: '/api/v1' });
}

export const archiveModule = fp(archivePlugin, {
  name: 'lectern-archive',
  fastify: '5.x',
  dependencies: ['lectern-http', 'lectern-auth'],
});

export const archiveManifest: ModuleManifest = {
  name: 'archive',
  plugin: archiveModule,
  permissions: archivePermissions,
  events: archiveEvents,
};
