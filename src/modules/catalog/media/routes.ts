import type { SwaggerTransform } from '@fastify/swagger';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from 'typebox';
import { Envelope, errorResponses, ok } from '#platform/http/envelope.js';
import { receiveUpload, type Storage, sendStoredFile } from '#platform/storage/index.js';
import {
  CourseParams,
  CoverUploadForm,
  FileBytes,
  FileParams,
  LessonParams,
  StoredFileSchema,
  VideoUploadForm,
} from './schemas.js';
import type { MediaService } from './service.js';
import type { MediaPolicies } from './upload-policies.js';

export interface MediaRoutesOptions {
  service: MediaService;
  storage: Storage;
  policies: MediaPolicies;
}

const manage = { permission: 'courses:manage' } as const;

/**
 * Upload bodies are streamed by the handler, not parsed before it, so the form is only
 * documented (a body schema would be validated against nothing).
 */
const multipartForm =
  (form: TSchema): SwaggerTransform =>
  ({ schema, url }) => ({
    schema: { ...schema, consumes: ['multipart/form-data'], body: form },
    url,
  });

export const mediaRoutes: FastifyPluginAsyncTypebox<MediaRoutesOptions> = async (
  app,
  { service, storage, policies },
) => {
  app.post(
    '/courses/:id/lessons/:lid/video',
    {
      config: { ...manage, swaggerTransform: multipartForm(VideoUploadForm) },
      schema: {
        tags: ['media'],
        summary: "Upload a video lesson's video",
        description:
          "A `multipart/form-data` body with the video in the field `file` (mp4, webm, ogg or quicktime: the declared type and the magic bytes must agree, else 415) and optionally `durationSeconds`. At most `UPLOAD_MAX_BYTES` (413; nothing is kept). Replaces the lesson's previous video and any external `videoUrl`. For the course's instructors and `courses:manage_any`; 409 `LESSON_NOT_VIDEO` for other lesson kinds.",
        params: LessonParams,
        response: {
          201: Envelope(StoredFileSchema),
          ...errorResponses(400, 404, 409, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const file = await service.uploadLessonVideo(
        request.principal,
        request.params.id,
        request.params.lid,
        () => receiveUpload(request, storage.store, policies.video),
      );
      return reply.status(201).header('Location', file.url).send(ok(file));
    },
  );

  app.post(
    '/courses/:id/cover',
    {
      config: { ...manage, swaggerTransform: multipartForm(CoverUploadForm) },
      schema: {
        tags: ['media'],
        summary: "Upload a course's cover image",
        description:
          'A `multipart/form-data` body with a PNG, JPEG or WebP image (checked by its magic bytes, else 415) of at most 5 MB (413) in the field `file`. Replaces the previous cover; published courses show it to everyone.',
        params: CourseParams,
        response: {
          201: Envelope(StoredFileSchema),
          ...errorResponses(400, 404, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const file = await service.uploadCover(request.principal, request.params.id, () =>
        receiveUpload(request, storage.store, policies.cover),
      );
      return reply.status(201).header('Location', file.url).send(ok(file));
    },
  );

  // Stored files are only what the upload policies accept, served with their own type.
  const servedTypes = [...policies.video.contentTypes, ...policies.cover.contentTypes];
  app.route({
    method: ['GET', 'HEAD'],
    url: '/files/:id',
    config: { public: true },
    schema: {
      tags: ['media'],
      summary: 'Download or play a stored file',
      description:
        "Streams the bytes with `ETag` (the SHA-256), `Last-Modified`, `Accept-Ranges: bytes` and `Cache-Control: private`; `If-None-Match` → 304. One range per request: `Range: bytes=a-b`, `bytes=a-` or `bytes=-n` → 206 with `Content-Range`; of several ranges only the first satisfiable one is sent; none satisfiable → 416 with `Content-Range: bytes */size`. A published course's cover and free-preview lessons are public; other lesson files are for the course's instructors, staff and enrolled learners. Credentials go in headers only.",
      params: FileParams,
      response: {
        200: FileBytes('the whole file', servedTypes),
        206: FileBytes('the requested range', servedTypes),
        304: Type.Null({ description: 'not modified' }),
        416: Type.Ref('ErrorEnvelope'),
        ...errorResponses(400, 401, 403, 404),
      },
    },
    handler: async (request, reply) => {
      const file = await service.fileToServe(request.principal, request.params.id);
      return sendStoredFile(request, reply, storage.store, file);
    },
  });
};
