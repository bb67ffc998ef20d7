import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, PageEnvelope } from '../http/envelope.js';
import { sendPage } from '../http/pagination.js';
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
    async (request, reply) =>
      sendPage(
        request,
        reply,
        await service.list(request.principal, request.query),
        request.query.limit,
      ),
  );
};
