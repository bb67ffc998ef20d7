import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { UploadPolicy } from '#platform/storage/index.js';
import type { ArchiveDeps } from '../deps.js';
import { imageRoutes } from './routes.js';
import { IngestFields } from './schemas.js';

export { createRenderService, type RenderService } from './render-service.js';
export { createImageService, IMAGES_TAG, type ImageService } from './service.js';

export const FITS_TYPES = ['application/fits', 'image/fits', 'application/octet-stream'] as const;

export const fitsUploadPolicy = (maxBytes: number): UploadPolicy<typeof IngestFields> => ({
  maxBytes,
  contentTypes: FITS_TYPES,
  fields: IngestFields,
});

/** Image ingest, search, metadata, provenance, QA and pixel products. */
export async function registerImages(app: FastifyInstance, deps: ArchiveDeps) {
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { files: 1, fields: 20, fieldSize: 4096 } });
    await scope.register(imageRoutes, {
      images: deps.images,
      renders: deps.renders,
      storage: deps.storage,
      uploadPolicy: fitsUploadPolicy(deps.config.UPLOAD_MAX_BYTES),
    });
  });
}
