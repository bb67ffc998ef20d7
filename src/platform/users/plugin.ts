import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { usersRoutes } from './routes.js';
import { createUsersService } from './service.js';

/** `/api/v1/users`: listing users and managing their roles. */
async function usersPluginRoutes(app: FastifyInstance) {
  const { database, cache, revocations, clock } = app.lectern;
  const service = createUsersService({ db: database.db, cache, revocations, clock });
  await app.register(usersRoutes, { service });
}

// Encapsulated (its routes take the prefix it is registered with), named and ordered.
export const usersPlugin = fp(usersPluginRoutes, {
  name: 'lectern-users',
  fastify: '5.x',
  dependencies: ['lectern-http', 'lectern-auth', 'lectern-limits'],
  encapsulate: true,
});
