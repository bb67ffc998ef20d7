import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '#platform/http/envelope.js';
import { ZipResponse } from './schemas.js';
import type { ExportService } from './service.js';

/** `GET /timetabling/terms/:id/export-all`: the term and its schedule in every format, zipped. */
export const exportRoutes: FastifyPluginAsyncTypebox<{ exports: ExportService }> = async (
  app,
  { exports },
) => {
  app.get(
    '/timetabling/terms/:id/export-all',
    {
      config: { permission: 'timetables:read' },
      schema: {
        tags: ['timetabling'],
        summary: 'Export a term and its schedule as a zip',
        description:
          '`entities/rooms.csv`, `instructors.csv`, `courses.csv`, `curricula.csv`, and, when the term has a schedule (the published one, else the newest), `schedule/schedule.{json,csv,xlsx,ics,sol}`.',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: ZipResponse, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const file = await exports.exportAll(request.params.id);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body);
    },
  );
};
