import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ModuleManifest } from '#platform/module-contract/index.js';
import { lrsApi } from './api.js';
import { registerDocumentRoutes } from './document-routes.js';
import { lrsEvents } from './events.js';
import { lrsPermissions } from './permissions.js';
import { registerResourceRoutes } from './resource-routes.js';
import { registerStatementRoutes } from './statement-routes.js';
import { xapiHooks } from './xapi-http.js';

/**
 * The learning record store (xAPI 2.0, IEEE 9274.1.1) at /xapi: its own tables and HTTP rules
 * (Basic auth with API keys, version headers), feeding other modules through its events.
 */
async function lrsPlugin(app: FastifyInstance) {
  const { database, clock } = app.lectern;
  await app.register(
    async (xapi) => {
      // Every body is bytes: documents are any media type, statements are parsed by the routes.
      xapi.removeAllContentTypeParsers();
      xapi.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
      xapiHooks(xapi);
      registerStatementRoutes(xapi, { db: database.db, clock });
      registerDocumentRoutes(xapi, { db: database.db, clock });
      registerResourceRoutes(xapi, { db: database.db });
    },
    { prefix: '/xapi' },
  );
}

export const lrsModule = fp(lrsPlugin, {
  name: 'lectern-lrs',
  fastify: '5.x',
  dependencies: ['lectern-http', 'lectern-auth'],
});

export const lrsManifest: ModuleManifest = {
  name: 'lrs',
  plugin: lrsModule,
  permissions: lrsPermissions,
  events: lrsEvents,
  api: lrsApi,
};

export { type LrsApi, lrsApi, type StatementsStored, type StatementsVoided } from './api.js';
export type { StatementSummary } from './summary.js';
