import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { writeAudit } from '../audit/index.js';
import type { Config } from '../config/index.js';
import { createSecretBox } from '../crypto/secret-box.js';
import type { Database } from '../db/index.js';
import type { EventDispatcher } from '../events/index.js';
import type { JobQueue } from '../jobs/index.js';
import { webhooksRoutes } from './routes.js';
import { createWebhookService, type DeliveryJob } from './service.js';
import { parseAllowHosts } from './ssrf-guard.js';

export const WEBHOOK_DELIVERY_QUEUE = 'webhooks.deliver';

export interface WebhooksPluginOptions {
  config: Config;
  db: Database;
  jobs: JobQueue;
  events: EventDispatcher;
  masterSecret: Uint8Array;
}

/**
 * Webhook endpoints (routes), the delivery job (one attempt per run, retried with backoff by
 * the queue for days), and the outbox subscriber that fans each event out to matching endpoints.
 */
async function webhooksPlugin(app: FastifyInstance, options: WebhooksPluginOptions) {
  const { config, db, jobs, events } = options;
  const service = createWebhookService({
    db,
    secretBox: createSecretBox(options.masterSecret, 'webhook-secrets'),
    policy: { allowHosts: parseAllowHosts(config.WEBHOOK_ALLOW_HOSTS) },
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    clock: app.lectern.clock,
    enqueueDelivery: async (tx, job) => {
      await jobs.enqueue(tx, WEBHOOK_DELIVERY_QUEUE, job);
    },
    audit: (tx, entry) =>
      writeAudit(tx, {
        action: entry.action,
        resourceType: 'webhook',
        resourceId: entry.resourceId,
        actorId: entry.actorId,
        details: entry.details,
      }),
  });
  const maxAttempts = config.WEBHOOK_RETRY_LIMIT + 1;
  jobs.register<DeliveryJob, unknown>(
    WEBHOOK_DELIVERY_QUEUE,
    (job) => service.deliver(job.data, job.attempt, job.attempt >= maxAttempts),
    {
      retryLimit: config.WEBHOOK_RETRY_LIMIT,
      retryDelaySeconds: config.WEBHOOK_RETRY_DELAY_SECONDS,
      timeoutSeconds: Math.ceil(config.WEBHOOK_TIMEOUT_MS / 1000) + 30,
    },
  );
  events.subscribe('*', 'webhooks', async (event) => {
    await service.fanOut(event);
  });
  await app.register(webhooksRoutes, { prefix: '/api/v1', service });
}

export const webhooksPlatform = fp(webhooksPlugin, {
  name: 'lectern-webhooks',
  fastify: '5.x',
  dependencies: ['lectern-http', 'lectern-auth', 'lectern-jobs'],
});
