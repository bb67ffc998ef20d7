import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ModuleManifest } from '#platform/module-contract/index.js';
import { batchRoutes } from './batches/routes.js';
import { ARCHIVE_BATCH_QUEUE } from './batches/service.js';
import { archiveDepsFor } from './context.js';
import { seedArchiveDemo } from './demo.js';
import { archiveEvents } from './events.js';
import { registerImages } from './images/index.js';
import { archivePermissions } from './permissions.js';
import { voRoutes } from './vo/routes.js';
import { createVoCatalog } from './vo-catalog.js';

/**
 * The science-data archive: FITS images ingested into a searchable catalogue (`images/`: sky
 * index, header cards, versions, provenance, QA, previews) over the pure FITS engine (`fits/`)
 * and its worker-thread adapters (`fits-io/`).
 */
async function archivePlugin(app: FastifyInstance) {
  const deps = archiveDepsFor(app.lectern);
  app.addHook('onClose', () => deps.fitsPool.close());
  const { topics } = app.lectern.realtime;
  topics.register('images', (p) => p.permissions.has('archive:read'));
  topics.register('images:{id}', (p) => p.permissions.has('archive:read'));
  topics.register('archive-batches', (p) => p.permissions.has('archive:manage'));
  topics.register('archive-batches:{id}', (p) => p.permissions.has('archive:manage'));
  await app.register(
    async (api) => {
      await registerImages(api, deps);
      await api.register(batchRoutes, { batches: deps.batches });
    },
    { prefix: '/api/v1' },
  );
  // The IVOA endpoints live at the root, where astronomy tools expect a service, not in the API.
  await app.register(voRoutes, {
    catalog: createVoCatalog(deps.db, deps.storage),
    store: deps.storage.store,
    publicAccess: deps.config.ARCHIVE_VO_PUBLIC,
    authorize: async (key) => {
      if (!key) return false;
      const principal = await app.authenticator.fromApiKey(key).catch(() => null);
      return principal?.permissions.has('archive:read') ?? false;
    },
  });
}

export const archiveModule = fp(archivePlugin, {
  name: 'lectern-archive',
  fastify: '5.x',
  dependencies: ['lectern-http', 'lectern-auth', 'lectern-jobs'],
});

export const archiveManifest: ModuleManifest = {
  name: 'archive',
  plugin: archiveModule,
  permissions: archivePermissions,
  events: archiveEvents,
  seed: async (_db, log, context) =>
    context
      ? seedArchiveDemo(archiveDepsFor(context), log)
      : {
          seeded: false,
          message: 'archive: demo images are ingested when the server first starts',
        },
  jobs: (context) => {
    const { batches } = archiveDepsFor(context);
    return [
      {
        queue: ARCHIVE_BATCH_QUEUE,
        handler: (ctx) => batches.run(ctx as Parameters<typeof batches.run>[0]),
        options: { concurrency: 1, retryLimit: 3, retryDelaySeconds: 2, timeoutSeconds: 6 * 3600 },
      },
    ];
  },
};
