import type { FastifyInstance } from 'fastify';
import { notFound } from '../errors/index.js';

/** What a `ROLE=worker` process still answers: probes and metrics, for its orchestrator. */
const OPERATIONAL = new Set(['/health', '/ready', '/metrics']);

/**
 * A worker process listens like any other (so probes and metrics reach it) but serves no API:
 * everything else is 404, which keeps a misrouted load balancer from sending it user traffic.
 */
export function restrictToOperationalRoutes(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?', 1)[0] ?? '';
    if (!OPERATIONAL.has(path)) throw notFound('Route', 'NOT_FOUND_ON_WORKER');
  });
}
