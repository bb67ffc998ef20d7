import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { llmRoutes } from './routes.js';

/** `/api/v1/llm/usage` for holders of `llm:read`; the client itself is `app.lectern.llm`. */
async function llmPluginRoutes(app: FastifyInstance) {
  await app.register(llmRoutes, { db: app.lectern.database.db });
}

export const llmPlatform = fp(llmPluginRoutes, {
  name: 'lectern-llm',
  fastify: '5.x',
  dependencies: ['lectern-http', 'lectern-auth'],
  encapsulate: true,
});
