import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requirePrincipal } from '#platform/auth/access.js';
import { validationError } from '#platform/errors/index.js';
import { Envelope, errorResponses, ok, PageEnvelope } from '#platform/http/envelope.js';
import { sendPage } from '#platform/http/pagination.js';
import {
  CreateTermBody,
  DuplicateTermBody,
  ImportForm,
  ImportSchema,
  ListTermsQuery,
  TermIdParams,
  TermSchema,
  UpdateTermBody,
} from './schemas.js';
import type { TermService } from './service.js';

const tags = ['timetabling'];
const read = { permission: 'timetables:read' } as const;
const manage = { permission: 'timetables:manage' } as const;
const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** The uploaded file of the field `file`, as text; 400 naming the field when absent. */
async function uploadedFile(request: FastifyRequest) {
  const part = request.isMultipart() ? await request.file() : undefined;
  if (part?.fieldname !== 'file')
    throw validationError('Send the file as multipart/form-data in the field "file"', [
      { path: '/body/file', message: 'required' },
    ]);
  const buffer = await part.toBuffer();
  return { name: part.filename || 'upload', text: buffer.toString('utf8'), bytes: buffer };
}

const multipartDoc = {
  swaggerTransform: ({ schema, url }: { schema: object; url: string }) => ({
    schema: { ...schema, consumes: ['multipart/form-data'], body: ImportForm },
    url,
  }),
};

export const termRoutes: FastifyPluginAsyncTypebox<{ service: TermService }> = async (
  app,
  { service },
) => {
  await app.register(multipart, { limits: { files: 1, fields: 5, fileSize: MAX_IMPORT_BYTES } });

  app.get(
    '/timetabling/terms',
    {
      config: read,
      schema: {
        tags,
        summary: 'List terms',
        description: 'Newest first, with the number of rooms, courses, … each holds.',
        querystring: ListTermsQuery,
        response: { 200: PageEnvelope(TermSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) =>
      sendPage(request, reply, await service.list(request.query), request.query.limit),
  );

  app.post(
    '/timetabling/terms',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create a term',
        description:
          'A weekly grid (`days` × periods) or a dated term (`startDate`..`endDate` on `weekdays`) in its `timeZone`.',
        body: CreateTermBody,
        response: { 201: Envelope(TermSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const term = await service.create(requirePrincipal(request.principal), request.body);
      return reply
        .status(201)
        .header('Location', `/api/v1/timetabling/terms/${term.id}`)
        .send(ok(term));
    },
  );

  app.post(
    '/timetabling/terms/import',
    {
      config: { ...manage, ...multipartDoc },
      schema: {
        tags,
        summary: 'Import a new term from a file',
        description:
          'Multipart, the file in the field `file`: an ITC-2007 `.ctt` instance (its own course and room ids are kept, so a `ctt` export is the official solution format), the engine JSON problem, `term.csv`, a `.zip` of one CSV per entity or an `.xlsx` workbook with one sheet per entity (templates at `GET /timetabling/templates/:entity.csv` and `/templates/workbook.xlsx`; a zip or workbook needs term, rooms and courses). Every problem of the file is listed in `error.details` (422 `IMPORT_INVALID`, with file, sheet, row and column, or line or field) and nothing is stored.',
        response: { 201: Envelope(TermSchema), ...errorResponses(400, 401, 403, 413, 422) },
      },
    },
    async (request, reply) => {
      const file = await uploadedFile(request);
      const term = await service.importNew(requirePrincipal(request.principal), file);
      return reply
        .status(201)
        .header('Location', `/api/v1/timetabling/terms/${term.id}`)
        .send(ok(term));
    },
  );

  app.post(
    '/timetabling/terms/:id/import',
    {
      config: { ...manage, ...multipartDoc },
      schema: {
        tags,
        summary: 'Import a file into an existing term',
        description:
          'Replaces the term’s grid, rooms, instructors, courses and curricula with the file’s (409 `TERM_HAS_SCHEDULES` when it already has schedules). Same formats and validation as `POST /terms/import`; a single CSV (named after its entity, or with its template’s header) replaces only that entity and keeps the rest.',
        params: TermIdParams,
        response: {
          200: Envelope(TermSchema),
          ...errorResponses(400, 401, 403, 404, 409, 413, 422),
        },
      },
    },
    async (request) => {
      const file = await uploadedFile(request);
      return ok(
        await service.importInto(requirePrincipal(request.principal), request.params.id, file),
      );
    },
  );

  app.get(
    '/timetabling/terms/:id/imports',
    {
      config: read,
      schema: {
        tags,
        summary: 'The import history of a term',
        description: 'Who imported which file when, and what it held; newest first.',
        params: TermIdParams,
        response: {
          200: Envelope(Type.Array(ImportSchema)),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => ok(await service.imports(request.params.id)),
  );

  app.get(
    '/timetabling/terms/:id',
    {
      config: { ...read, etag: true },
      schema: {
        tags,
        summary: 'Get a term',
        params: TermIdParams,
        response: {
          200: Envelope(TermSchema),
          304: Type.Null({ description: 'not modified' }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => ok(await service.get(request.params.id)),
  );

  app.patch(
    '/timetabling/terms/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a term',
        description: '`periods` and `weekdays`, when given, replace the term’s.',
        params: TermIdParams,
        body: UpdateTermBody,
        response: { 200: Envelope(TermSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      ok(
        await service.update(requirePrincipal(request.principal), request.params.id, request.body),
      ),
  );

  app.delete(
    '/timetabling/terms/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Delete a term',
        description: 'With its rooms, courses, schedules, solves and feeds.',
        params: TermIdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await service.remove(request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/timetabling/terms/:id/duplicate',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Duplicate a term',
        description: 'A new term with the same grid, entities and weights; schedules stay behind.',
        params: TermIdParams,
        body: DuplicateTermBody,
        response: { 201: Envelope(TermSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const term = await service.duplicate(
        requirePrincipal(request.principal),
        request.params.id,
        request.body.name,
      );
      return reply
        .status(201)
        .header('Location', `/api/v1/timetabling/terms/${term.id}`)
        .send(ok(term));
    },
  );
};
