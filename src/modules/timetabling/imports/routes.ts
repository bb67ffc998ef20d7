import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '#platform/http/envelope.js';
import { ENTITIES, ENTITY_NAMES } from './entities.js';
import { csvTemplate, workbookTemplate } from './templates.js';

const tags = ['timetabling'];
const read = { permission: 'timetables:read' } as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const TemplateParams = Type.Object({
  entity: Type.Union(
    ENTITY_NAMES.map((e) => Type.Literal(e)),
    { description: ENTITY_NAMES.map((e) => `\`${e}\`: ${ENTITIES[e].note}`).join(' ') },
  ),
});

/** Templates of the tabular import formats: a CSV per entity and the workbook of them all. */
export const importTemplateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/timetabling/templates/workbook.xlsx',
    {
      config: read,
      schema: {
        tags,
        summary: 'Download the Excel import template',
        description:
          'One sheet per entity (term, periods, rooms, instructors, courses, curricula, unavailability, pins, blackouts, weights) with its header (each cell’s note says what the column holds) and example rows, which together import as a small weekly term. Fill it in and upload it to `POST /timetabling/terms/import`.',
        response: {
          200: {
            description: 'an .xlsx workbook',
            content: { [XLSX]: { schema: Type.Unsafe<Buffer>(Type.String({ format: 'binary' })) } },
          },
          ...errorResponses(401, 403),
        },
      },
    },
    async (_request, reply) =>
      reply
        .header('Content-Type', XLSX)
        .header('Content-Disposition', 'attachment; filename="timetabling-workbook.xlsx"')
        .send(await workbookTemplate()),
  );

  app.get(
    '/timetabling/templates/:entity.csv',
    {
      config: read,
      schema: {
        tags,
        summary: 'Download the CSV import template of an entity',
        description:
          'Its header and example rows. Lists inside a cell are separated by `;`; days and periods count from 0. Upload one CSV (named after its entity, or with its header) into a term, or a zip of them to `POST /timetabling/terms/import`.',
        params: TemplateParams,
        response: {
          200: {
            description: 'CSV with a header row (RFC 4180, UTF-8)',
            content: { 'text/csv': { schema: Type.String() } },
          },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) =>
      reply
        .header('Content-Type', 'text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${request.params.entity}.csv"`)
        .send(csvTemplate(request.params.entity)),
  );
};
