import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/index.js';
import { AppError } from '../errors/index.js';

const SAMPLE_INTERVAL_MS = 1000;
const WARM_UP_MS = 3 * SAMPLE_INTERVAL_MS;

/**
 * Sheds load with a 503 envelope and `Retry-After` while the event loop lags or the heap is
 * over its limit, so an overloaded process recovers instead of timing every request out.
 * Probes are exempt: a busy process is still alive.
 */
export async function registerUnderPressure(app: FastifyInstance, config: Config): Promise<void> {
  const retryAfter = config.UNDER_PRESSURE_RETRY_AFTER;
  // Starting up (migrations, seeding, PGlite's boot) blocks the loop by design; the delay it leaves
  // in the first samples is not load. Shedding for loop delay starts one warm-up window after the app is ready.
  let sheddingFrom = Number.POSITIVE_INFINITY;
  app.addHook('onReady', async () => {
    sheddingFrom = Date.now() + WARM_UP_MS;
  });
  await app.register(underPressure, {
    maxEventLoopDelay: config.UNDER_PRESSURE_MAX_EVENT_LOOP_DELAY_MS,
    maxHeapUsedBytes: config.UNDER_PRESSURE_MAX_HEAP_BYTES,
    sampleInterval: SAMPLE_INTERVAL_MS,
    retryAfter,
    pressureHandler: async (request, _reply, type) => {
      if (request.routeOptions.config.operational) return;
      if (type === 'eventLoopDelay' && Date.now() < sheddingFrom) return;
      throw new AppError(
        'dependency_unavailable',
        'SERVER_OVERLOADED',
        'The server is overloaded; retry later',
        { retryAfter, details: [{ message: `over the ${type} limit` }] },
      );
    },
  });
}
