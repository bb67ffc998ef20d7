import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, okWithMeta, PageEnvelope } from '../http/envelope.js';
import { setLinkHeader } from '../http/pagination.js';
import { AuditEntrySchema, ListAuditQuery } from './schemas.js';
import type { AuditService } from './service.js';

export const auditRoutes: FastifyPluginAsyncTypebox<{ service: AuditService }> = async (
  app,
  { service },
) => {
  app.get(
    '/audit',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'Read the audit trail',
        description:
          'Sign-ins, sign-ups, role changes, API keys, sessions and every deletion; newest first.',
        querystring: ListAuditQuery,
        response: { 200: PageEnvelope(AuditEntrySchema), ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const page = await service.list(request.query);
      setLinkHeader(reply, request, page.meta.nextCursor);
      return okWithMeta(page.items, page.meta);
    },
  );
};
