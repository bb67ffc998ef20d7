import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Envelope, errorResponses, ok, PageEnvelope } from '#platform/http/envelope.js';
import { sendPage } from '#platform/http/pagination.js';
import {
  CategoryIdParams,
  CategorySchema,
  CreateCategoryBody,
  ListCategoriesQuery,
  UpdateCategoryBody,
} from './schemas.js';
import type { CategoryService } from './service.js';

const tags = ['categories'];
const manage = { permission: 'courses:manage_any' } as const;

export const categoryRoutes: FastifyPluginAsyncTypebox<{ service: CategoryService }> = async (
  app,
  { service },
) => {
  app.get(
    '/categories',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'List the categories of the catalog',
        description: 'In display order, each with the number of published courses it holds.',
        querystring: ListCategoriesQuery,
        response: { 200: PageEnvelope(CategorySchema), ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const page = await service.list(request.principal, request.query);
      return sendPage(request, reply, page, request.query.limit);
    },
  );

  app.get(
    '/categories/:id',
    {
      config: { public: true, etag: true },
      schema: {
        tags,
        summary: 'Get a category',
        params: CategoryIdParams,
        response: {
          200: Envelope(CategorySchema),
          304: Type.Null({ description: 'not modified' }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => ok(await service.get(request.principal, request.params.id)),
  );

  app.post(
    '/categories',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create a category',
        description: 'The slug is made from the name when absent; a taken slug is a 409.',
        body: CreateCategoryBody,
        response: { 201: Envelope(CategorySchema), ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const category = await service.create(request.principal, request.body);
      return reply
        .status(201)
        .header('Location', `/api/v1/categories/${category.id}`)
        .send(ok(category));
    },
  );

  app.patch(
    '/categories/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a category',
        params: CategoryIdParams,
        body: UpdateCategoryBody,
        response: { 200: Envelope(CategorySchema), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ok(await service.update(request.principal, request.params.id, request.body)),
  );

  app.delete(
    '/categories/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Delete a category',
        description: 'Only when no live course is filed under it (409 `CATEGORY_IN_USE`).',
        params: CategoryIdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await service.remove(request.principal, request.params.id);
      return reply.status(204).send(null);
    },
  );
};
