import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { auditRoutes } from './routes.js';
import { createAuditService } from './service.js';

/** `/api/v1/audit`: the audit trail for holders of `audit:read`. */
async function auditPluginRoutes(app: FastifyInstance) {
  await app.register(auditRoutes, { service: createAuditService({ db: app.lectern.database.db }) });
}

// Encapsulated (its routes take the prefix it is registered with), named and ordered.
export const auditPlugin = fp(auditPluginRoutes, {
  name: 'lectern-audit',
  fastify: '5.x',
  dependencies: ['lectern-http', 'lectern-auth'],
  encapsulate: true,
});
