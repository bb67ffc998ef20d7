import type { FastifyInstance } from 'fastify';
import { usersRoutes } from './routes.js';
import { createUsersService } from './service.js';

/** `/api/v1/users`: listing users and managing their roles. */
export async function usersPlugin(app: FastifyInstance) {
  const { database, cache, revocations, clock } = app.lectern;
  const service = createUsersService({ db: database.db, cache, revocations, clock });
  await app.register(usersRoutes, { service });
}
