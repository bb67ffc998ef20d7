import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePrincipal } from '#platform/auth/access.js';
import { validationError } from '#platform/errors/index.js';
import { Envelope, errorResponses, ok, PageEnvelope } from '#platform/http/envelope.js';
import { sendPage } from '#platform/http/pagination.js';
import type { UploadPolicy } from '#platform/storage/index.js';
import { receiveUpload, type Storage, sendStoredFile } from '#platform/storage/index.js';
import { DEFAULT_PREVIEW_SIZE, type RenderService, THUMBNAIL_SIZE } from './render-service.js';
import {
  AttachLessonBody,
  Binary,
  ChildSchema,
  CutoutQuery,
  HeaderCardSchema,
  HeaderQuery,
  ImageParams,
  ImageSchema,
  type IngestFields,
  IngestForm,
  LessonAttachmentSchema,
  LinkParentBody,
  LinkSchema,
  ListImagesQuery,
  PreviewQuery,
  ProvenanceQuery,
  ProvenanceSchema,
  QaSchema,
  RateBody,
  StatsQuery,
  StatsSchema,
} from './schemas.js';
import type { ImageService } from './service.js';

export interface ImageRoutesOptions {
  images: ImageService;
  renders: RenderService;
  storage: Storage;
  uploadPolicy: UploadPolicy<typeof IngestFields>;
}

const tags = ['archive'];
const read = { permission: 'archive:read' } as const;
const upload = { permission: 'archive:upload' } as const;
const notModified = { 304: Type.Null({ description: 'not modified' }) };

export const imageRoutes: FastifyPluginAsyncTypebox<ImageRoutesOptions> = async (
  app,
  { images, renders, storage, uploadPolicy },
) => {
  app.post(
    '/archive/images',
    {
      config: {
        ...upload,
        swaggerTransform: ({ schema, url }) => ({
          schema: { ...schema, consumes: ['multipart/form-data'], body: IngestForm },
          url,
        }),
      },
      schema: {
        tags,
        summary: 'Ingest a FITS file',
        description:
          'A `multipart/form-data` body with the FITS file in the field `file` (declared `application/fits`, `image/fits` or `application/octet-stream`), streamed to storage and read in a worker thread: one image per image HDU with pixels (header cards, statistics, WCS centre and footprint on the sky index, checksum verdict, automatic QA). Ingesting a `productName` again makes its version n + 1 and keeps the old one (`reprocessed_as` provenance). A file the engine cannot read (truncated, not FITS) is 422 `FITS_INVALID` with the HDU, card and byte offset in `error.details`, and nothing is kept; a failed checksum is ingested with QA `fail`, or refused (422 `FITS_CHECKSUM_FAILED`) when `ARCHIVE_REQUIRE_CHECKSUM` is set.',
        response: {
          201: Envelope(Type.Array(ImageSchema)),
          ...errorResponses(400, 401, 403, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const created = await images.ingestUpload(requirePrincipal(request.principal), () =>
        receiveUpload(request, storage.store, uploadPolicy),
      );
      return reply.status(201).header('Location', created[0]!.links.self).send(ok(created));
    },
  );

  app.get(
    '/archive/images',
    {
      config: read,
      schema: {
        tags,
        summary: 'Search images',
        description:
          'Filters combine with AND. A cone (`ra`, `dec`, `radius` in degrees) is answered from the HEALPix sky index then the exact great-circle test, correct across RA 0/360 and at the poles, each image with its `distanceDeg`; `containsRa`/`containsDec` finds images whose footprint holds the point (such pages may be shorter than `limit`). Text filters (`object`, `telescope`, `instrument`) match whole values, case-insensitively.',
        querystring: ListImagesQuery,
        response: { 200: PageEnvelope(ImageSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) =>
      sendPage(
        request,
        reply,
        await images.list(request.principal, request.query),
        request.query.limit,
      ),
  );

  app.get(
    '/archive/images/:id',
    {
      config: { ...read, etag: true },
      schema: {
        tags,
        summary: 'Get an image',
        params: ImageParams,
        response: {
          200: Envelope(ImageSchema),
          ...notModified,
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => ok(await images.get(request.principal, request.params.id)),
  );

  app.delete(
    '/archive/images/:id',
    {
      config: upload,
      schema: {
        tags,
        summary: 'Delete an image',
        description:
          'Soft delete, by its uploader or an archive manager: it leaves searches and its bytes stop being served once no image of the file is left.',
        params: ImageParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await images.remove(requirePrincipal(request.principal), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/archive/images/:id/header',
    {
      config: read,
      schema: {
        tags,
        summary: "An image's header cards",
        description: 'In file order; `keyword` keeps the cards of that keyword only.',
        params: ImageParams,
        querystring: HeaderQuery,
        response: {
          200: Envelope(Type.Array(HeaderCardSchema)),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) =>
      ok(await images.header(request.principal, request.params.id, request.query.keyword)),
  );

  app.get(
    '/archive/images/:id/provenance',
    {
      config: read,
      schema: {
        tags,
        summary: "An image's provenance graph",
        description:
          'The links up to its ancestors and down to its descendants (`depth` links each way), and the images they name.',
        params: ImageParams,
        querystring: ProvenanceQuery,
        response: { 200: Envelope(ProvenanceSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      ok(await images.provenance(request.principal, request.params.id, request.query.depth)),
  );

  app.post(
    '/archive/images/:id/provenance',
    {
      config: upload,
      schema: {
        tags,
        summary: 'Record what an image was made from',
        description:
          'Adds the link parent → this image with its relation. 422 `PROVENANCE_CYCLE` when the parent already descends from the image, 409 `PROVENANCE_EXISTS` for a link already there. For the uploader and archive managers.',
        params: ImageParams,
        body: LinkParentBody,
        response: {
          201: Envelope(LinkSchema),
          ...errorResponses(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          ok(
            await images.linkParent(
              requirePrincipal(request.principal),
              request.params.id,
              request.body,
            ),
          ),
        ),
  );

  app.post(
    '/archive/images/:id/lessons',
    {
      config: upload,
      schema: {
        tags,
        summary: 'Attach an image to a lesson',
        description:
          'Makes the image the file of a lesson of kind `file`, for the course’s instructors: enrolled learners then see its preview and download it, and the image is read by the lesson’s rule (its instructors, its enrolled learners, anyone on a free preview of a published course) besides archive managers and its uploader. 409 `LESSON_NOT_FILE` for other lesson kinds.',
        params: ImageParams,
        body: AttachLessonBody,
        response: {
          201: Envelope(LessonAttachmentSchema),
          ...errorResponses(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          ok(
            await images.attachToLesson(
              requirePrincipal(request.principal),
              request.params.id,
              request.body,
            ),
          ),
        ),
  );

  app.get(
    '/archive/images/:id/versions',
    {
      config: read,
      schema: {
        tags,
        summary: "Every version of an image's product",
        description: 'The same HDU of each ingested version of the product, oldest first.',
        params: ImageParams,
        response: {
          200: Envelope(Type.Array(ImageSchema)),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => ok(await images.versions(request.principal, request.params.id)),
  );

  app.get(
    '/archive/images/:id/children',
    {
      config: read,
      schema: {
        tags,
        summary: 'Images made from this one',
        params: ImageParams,
        response: {
          200: Envelope(Type.Array(ChildSchema)),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => ok(await images.children(request.principal, request.params.id)),
  );

  app.get(
    '/archive/images/:id/qa',
    {
      config: read,
      schema: {
        tags,
        summary: "An image's QA",
        description: 'The automatic grade with the rule that gave it, and the human rating if any.',
        params: ImageParams,
        response: { 200: Envelope(QaSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ok(await images.qa(request.principal, request.params.id)),
  );

  app.put(
    '/archive/images/:id/qa',
    {
      config: upload,
      schema: {
        tags,
        summary: 'Rate an image',
        description:
          'A human rating (1–5, or null to clear it) and comment beside the automatic grade.',
        params: ImageParams,
        body: RateBody,
        response: { 200: Envelope(QaSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      ok(await images.rate(requirePrincipal(request.principal), request.params.id, request.body)),
  );

  app.route({
    method: ['GET', 'HEAD'],
    url: '/archive/images/:id/fits',
    config: read,
    schema: {
      tags,
      summary: "Download an image's FITS file",
      description:
        'The original file as ingested (every HDU), `application/fits`, with `ETag` (its SHA-256), `Range` (206) and `If-None-Match` (304).',
      params: ImageParams,
      response: {
        200: Binary('the whole file', 'application/fits'),
        206: Binary('the requested range', 'application/fits'),
        ...notModified,
        416: Type.Ref('ErrorEnvelope'),
        ...errorResponses(400, 401, 403, 404),
      },
    },
    handler: async (request, reply) => {
      const image = await images.requireImage(request.params.id, request.principal);
      return sendStoredFile(request, reply, storage.store, await renders.sourceFile(image));
    },
  });

  const previewHandler =
    (fixed?: { size: number }) =>
    async (
      request: {
        principal: Parameters<ImageService['requireImage']>[1];
        params: { id: string };
        query: { stretch?: 'zscale' | 'asinh' | 'linear' | 'log'; size?: number; plane?: number };
      } & Parameters<typeof sendStoredFile>[0],
      reply: Parameters<typeof sendStoredFile>[1],
    ) => {
      const image = await images.requireImage(request.params.id, request.principal);
      const file = await renders.preview(image, {
        stretch: request.query.stretch ?? 'zscale',
        size: fixed?.size ?? request.query.size ?? DEFAULT_PREVIEW_SIZE,
        plane: request.query.plane ?? 0,
      });
      return sendStoredFile(request, reply, storage.store, file);
    };

  app.get(
    '/archive/images/:id/preview.png',
    {
      config: read,
      schema: {
        tags,
        summary: "An image's PNG preview",
        description:
          'Rendered in a worker thread with the `stretch` (zscale by default), `size` (longest side, 512) and `plane` of a cube, then kept in storage: the same parameters again are a file read, with an `ETag`.',
        params: ImageParams,
        querystring: PreviewQuery,
        response: {
          200: Binary('the preview', 'image/png'),
          ...notModified,
          ...errorResponses(400, 401, 403, 404, 422),
        },
      },
    },
    previewHandler(),
  );

  app.get(
    '/archive/images/:id/thumbnail.png',
    {
      config: read,
      schema: {
        tags,
        summary: "An image's thumbnail",
        description: `The preview at ${THUMBNAIL_SIZE} pixels (zscale unless \`stretch\` says otherwise).`,
        params: ImageParams,
        querystring: Type.Omit(PreviewQuery, ['size']),
        response: {
          200: Binary('the thumbnail', 'image/png'),
          ...notModified,
          ...errorResponses(400, 401, 403, 404, 422),
        },
      },
    },
    previewHandler({ size: THUMBNAIL_SIZE }),
  );

  app.get(
    '/archive/images/:id/cutout',
    {
      config: read,
      schema: {
        tags,
        summary: 'Cut a box out of an image',
        description:
          'Centred on `ra`/`dec` (or on pixel `x`/`y`), `width` × `height` in `unit` (arcsec by default; arcsec and arcmin use the image’s pixel scale), clipped to the image (`X-Cutout-Clipped: true`). As FITS (default): a 2-D image with the source’s metadata and its WCS moved to the new origin, so the centre pixel lands on the requested position. As PNG with `format=png` and `stretch`. 400 `CUTOUT_OUTSIDE` when the box misses the image; 422 `IMAGE_NOT_ON_SKY` for a sky position on an image without celestial WCS.',
        params: ImageParams,
        querystring: CutoutQuery,
        response: {
          200: Type.Unsafe<Buffer>({
            description: 'the cutout',
            content: {
              'application/fits': { schema: { type: 'string', format: 'binary' } },
              'image/png': { schema: { type: 'string', format: 'binary' } },
            },
          }),
          ...errorResponses(400, 401, 403, 404, 422),
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const sky = q.ra !== undefined || q.dec !== undefined;
      const pixel = q.x !== undefined || q.y !== undefined;
      const missing = sky
        ? q.ra === undefined
          ? 'ra'
          : q.dec === undefined
            ? 'dec'
            : null
        : pixel
          ? q.x === undefined
            ? 'x'
            : q.y === undefined
              ? 'y'
              : null
          : 'ra';
      if (missing || (sky && pixel))
        throw validationError('Give the centre as ra and dec, or as x and y', [
          {
            path: `/querystring/${missing ?? 'x'}`,
            message: missing ? 'is required' : 'cannot go with ra/dec',
          },
        ]);
      const image = await images.requireImage(request.params.id, request.principal);
      const cut = await renders.cutout(image, {
        centre: sky ? { ra: q.ra!, dec: q.dec! } : { x: q.x!, y: q.y! },
        width: q.width,
        height: q.height,
        unit: q.unit ?? 'arcsec',
        plane: q.plane ?? 0,
        format: q.format ?? 'fits',
        stretch: q.stretch ?? 'zscale',
      });
      const name = `${image.productName}-cutout.${q.format === 'png' ? 'png' : 'fits'}`.replace(
        /[^\w.-]+/g,
        '_',
      );
      return reply
        .header('Content-Type', q.format === 'png' ? 'image/png' : 'application/fits')
        .header('Content-Disposition', `attachment; filename="${name}"`)
        .header('X-Cutout-Origin', `${cut.origin.x},${cut.origin.y}`)
        .header('X-Cutout-Clipped', String(cut.clipped))
        .header('Cache-Control', 'private')
        .send(Buffer.from(q.format === 'png' ? cut.png! : cut.fits));
    },
  );

  app.get(
    '/archive/images/:id/stats',
    {
      config: read,
      schema: {
        tags,
        summary: "An image's pixel statistics",
        description:
          'Without `plane`: those measured at ingest. With `plane`: that plane of a cube, computed in a worker and cached.',
        params: ImageParams,
        querystring: StatsQuery,
        response: { 200: Envelope(StatsSchema), ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const image = await images.requireImage(request.params.id, request.principal);
      return ok(await renders.stats(image, request.query.plane));
    },
  );
};
