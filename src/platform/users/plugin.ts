import type { FastifyInstance } from 'fastify';
import { usersRoutes } from './routes.js';
import { createUsersService } from './service.js';

/** `/api/v1/users`: listing users and managing their roles. */
export async function usersPlugin(app: FastifyInstance) {
  const service = createUsersService({ db: app.lectern.database.db, cache: app.lectern.cache });
  await app.register(usersRoutes, { service });
}
