import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { CatalogDeps } from '../deps.js';
import { mediaRoutes } from './routes.js';
import { createMediaService } from './service.js';
import { mediaPolicies } from './upload-policies.js';

/** Lesson videos, course covers, and serving stored files (ranges for playback). */
export async function registerMedia(app: FastifyInstance, deps: CatalogDeps): Promise<void> {
  const service = createMediaService(deps);
  const policies = mediaPolicies(deps.config);
  // Its own scope: only these routes accept multipart bodies, and only as streams.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { files: 1, fields: 20, fieldSize: 4096 } });
    await scope.register(mediaRoutes, { service, storage: deps.storage, policies });
  });
}
