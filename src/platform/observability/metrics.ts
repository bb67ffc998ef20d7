import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { DatabaseHandle } from '../db/index.js';

const UNMATCHED = '<unmatched>';

/**
 * A registry for one app instance (tests build many apps in one process): Node's default
 * process metrics, `db_pool_connections{state}` read from the pool when scraped.
 */
export function createMetricsRegistry(database: DatabaseHandle): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'db_pool_connections',
    help: 'Database connections by state (PGlite: one connection, never waiting)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = database.poolStats();
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
  return registry;
}

/** `http_request_duration_seconds{method,route,status_code}`, labelled by route template. */
export function observeRequests(app: FastifyInstance, registry: Registry): void {
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  // One labelled series per method, route template and status, looked up rather than labelled
  // (and validated) again on every response.
  const series = new Map<string, { observe(seconds: number): void }>();
  app.addHook('onResponse', (request, reply, done) => {
    // The template, never the raw URL: ids in paths would make a series per resource.
    const route = request.routeOptions.url ?? UNMATCHED;
    const method = request.method;
    const statusCode = reply.statusCode;
    const key = `${method} ${route} ${statusCode}`;
    let observed = series.get(key);
    if (!observed) {
      observed = duration.labels({ method, route, status_code: String(statusCode) });
      series.set(key, observed);
    }
    observed.observe(reply.elapsedTime / 1000);
    done();
  });
}
