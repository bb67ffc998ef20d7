import type { FastifyInstance } from 'fastify';
import { auditRoutes } from './routes.js';
import { createAuditService } from './service.js';

/** `/api/v1/audit`: the audit trail for holders of `audit:read`. */
export async function auditPlugin(app: FastifyInstance) {
  await app.register(auditRoutes, { service: createAuditService({ db: app.lectern.database.db }) });
}
