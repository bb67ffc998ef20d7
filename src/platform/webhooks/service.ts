import { randomBytes } from 'node:crypto';
import type { Static } from 'typebox';
import { type Auth, requireAccess } from '../auth/access.js';
import type { Clock } from '../clock/index.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { type Database, type Executor, inTransaction } from '../db/index.js';
import { notFound, validationError } from '../errors/index.js';
import {
  appendEvent,
  type DomainEvent,
  getEvent,
  matchesPattern,
  processOnce,
} from '../events/index.js';
import { decodeIdCursor, type LimitQuerySchema, type Page, pageOf } from '../http/pagination.js';
import { breakerFor } from '../resilience/index.js';
import { type DeliveryDto, toDeliveryDto, toWebhookDto, type WebhookDto } from './dto.js';
import { postWebhook, type WebhookResponse } from './post-webhook.js';
import * as repo from './repository.js';
import type { CreateWebhookBody, UpdateWebhookBody } from './schemas.js';
import { signPayload } from './signature.js';
import { checkTarget, type TargetPolicy } from './ssrf-guard.js';

/** What one delivery job carries. */
export interface DeliveryJob {
  endpointId: string;
  eventId: string;
  redeliveryOf?: string;
}

export interface WebhookServiceDeps {
  db: Database;
  secretBox: SecretBox;
  policy: TargetPolicy;
  timeoutMs: number;
  /** Dates completed deliveries and endpoints disabled after failing. */
  clock: Clock;
  /** Enqueues a delivery job inside the caller's transaction. */
  enqueueDelivery(tx: Executor, job: DeliveryJob): Promise<void>;
  /** Writes an audit row inside the caller's transaction. */
  audit(
    tx: Executor,
    entry: {
      actorId: string;
      action: string;
      resourceId: string;
      details?: Record<string, unknown>;
    },
  ): Promise<void>;
}

export type CreateWebhookInput = Static<typeof CreateWebhookBody>;
export type UpdateWebhookInput = Static<typeof UpdateWebhookBody>;
export type ListQuery = Static<typeof LimitQuerySchema>;

const manage = (auth: Auth) => requireAccess(auth, 'webhooks:manage');

const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

class DeliveryFailed extends Error {
  constructor(readonly result: WebhookResponse) {
    super(result.error ?? 'delivery failed');
  }
}

export function createWebhookService(deps: WebhookServiceDeps) {
  const { db, secretBox, policy, clock } = deps;

  /**
   * One breaker per receiving host: while a receiver is down, attempts fail fast (and are
   * retried by the queue later) instead of each waiting for the timeout.
   */
  async function postThroughBreaker(url: string, body: string, headers: Record<string, string>) {
    const breaker = breakerFor(`webhook:${new URL(url).host}`, {
      timeoutMs: deps.timeoutMs + 1000,
      resetTimeoutMs: 60_000,
    });
    try {
      return await breaker.run(async (signal) => {
        const result = await postWebhook(url, body, headers, {
          timeoutMs: deps.timeoutMs,
          policy,
          signal,
        });
        if (result.error) throw new DeliveryFailed(result);
        return result;
      });
    } catch (err) {
      if (err instanceof DeliveryFailed) return err.result;
      return {
        statusCode: null,
        durationMs: 0,
        error: err instanceof Error ? err.message : String(err),
      };
    }
  }

  async function assertTarget(url: string): Promise<void> {
    const problem = await checkTarget(url, policy);
    if (problem)
      throw validationError(
        'The webhook URL is refused',
        [{ path: '/body/url', message: problem }],
        'WEBHOOK_URL_REFUSED',
      );
  }

  async function requireEndpoint(executor: Executor, id: string) {
    const endpoint = await repo.findEndpoint(executor, id);
    if (!endpoint) throw notFound('Webhook', 'WEBHOOK_NOT_FOUND');
    return endpoint;
  }

  return {
    async create(auth: Auth, input: CreateWebhookInput) {
      const actorId = manage(auth).userId;
      await assertTarget(input.url);
      const secret = input.secret ?? newSecret();
      return inTransaction(db, async ({ tx }) => {
        const endpoint = await repo.insertEndpoint(
          tx,
          {
            url: input.url,
            description: input.description ?? null,
            secretCiphertext: secretBox.seal(secret),
            active: input.active ?? true,
            createdBy: actorId,
            updatedBy: actorId,
          },
          input.eventTypes,
        );
        await deps.audit(tx, {
          actorId,
          action: 'webhook.created',
          resourceId: endpoint.id,
          details: { url: input.url },
        });
        return { ...toWebhookDto(endpoint), secret };
      });
    },

    async get(auth: Auth, id: string): Promise<WebhookDto> {
      manage(auth);
      return toWebhookDto(await requireEndpoint(db, id));
    },

    /** Endpoints, newest first. */
    async list(auth: Auth, query: ListQuery): Promise<Page<WebhookDto>> {
      manage(auth);
      const before = query.cursor ? decodeIdCursor(query.cursor) : undefined;
      const rows = await repo.listEndpoints(db, query.limit + 1, before);
      return pageOf(rows.map(toWebhookDto), query.limit, (last) => ({ id: last.id }));
    },

    async update(auth: Auth, id: string, input: UpdateWebhookInput) {
      const actorId = manage(auth).userId;
      if (input.url !== undefined) await assertTarget(input.url);
      return inTransaction(db, async ({ tx }) => {
        await requireEndpoint(tx, id);
        const reactivating = input.active === true;
        await repo.updateEndpoint(tx, id, {
          ...(input.url !== undefined ? { url: input.url } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.secret !== undefined ? { secretCiphertext: secretBox.seal(input.secret) } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          ...(reactivating ? { disabledAt: null, disabledReason: null } : {}),
          updatedBy: actorId,
        });
        if (input.eventTypes) await repo.replaceEventTypes(tx, id, input.eventTypes);
        await deps.audit(tx, {
          actorId,
          action: 'webhook.updated',
          resourceId: id,
          details: { fields: Object.keys(input) },
        });
        return toWebhookDto((await repo.findEndpoint(tx, id))!);
      });
    },

    async remove(auth: Auth, id: string) {
      const actorId = manage(auth).userId;
      await inTransaction(db, async ({ tx }) => {
        if (!(await repo.deleteEndpoint(tx, id))) throw notFound('Webhook', 'WEBHOOK_NOT_FOUND');
        await deps.audit(tx, { actorId, action: 'webhook.deleted', resourceId: id });
      });
    },

    /** An endpoint's delivery attempts, newest first. */
    async listDeliveries(auth: Auth, id: string, query: ListQuery): Promise<Page<DeliveryDto>> {
      manage(auth);
      // A bad cursor is a 400 before anything is looked up.
      const before = query.cursor ? decodeIdCursor(query.cursor) : undefined;
      await requireEndpoint(db, id);
      const rows = await repo.listDeliveries(db, id, query.limit + 1, before);
      return pageOf(rows.map(toDeliveryDto), query.limit, (last) => ({ id: last.id }));
    },

    async redeliver(auth: Auth, id: string, deliveryId: string) {
      const actorId = manage(auth).userId;
      return inTransaction(db, async ({ tx }) => {
        await requireEndpoint(tx, id);
        const delivery = await repo.findDelivery(tx, id, deliveryId);
        if (!delivery) throw notFound('Delivery', 'DELIVERY_NOT_FOUND');
        await deps.enqueueDelivery(tx, {
          endpointId: id,
          eventId: delivery.eventId,
          redeliveryOf: delivery.id,
        });
        await deps.audit(tx, {
          actorId,
          action: 'webhook.redelivered',
          resourceId: id,
          details: { deliveryId },
        });
        return { queued: true as const, eventId: delivery.eventId };
      });
    },

    /**
     * Outbox subscriber: one delivery job per active endpoint whose types match. The receipt makes
     * a redelivered event fan out once.
     */
    // The outbox subscriber and the job handler below act for no one: they take no caller.
    async fanOut(event: DomainEvent): Promise<number> {
      let queued = 0;
      await inTransaction(db, async ({ tx }) => {
        await processOnce(tx, 'webhooks.fan-out', event.id, async () => {
          const endpoints = await repo.listActiveEndpoints(tx);
          for (const endpoint of endpoints) {
            if (!endpoint.eventTypes.some((p) => matchesPattern(p, event.type))) continue;
            await deps.enqueueDelivery(tx, { endpointId: endpoint.id, eventId: event.id });
            queued++;
          }
        });
      });
      return queued;
    },

    /**
     * One attempt of one delivery (the job handler). Records it; throws on failure so the job
     * retries; on the final failure disables the endpoint and says so with an event.
     */
    async deliver(job: DeliveryJob, attempt: number, isFinalAttempt: boolean) {
      const endpoint = await repo.findEndpoint(db, job.endpointId);
      if (!endpoint || (!endpoint.active && !job.redeliveryOf)) return { skipped: true as const };
      const event = await getEvent(db, job.eventId);
      if (!event) return { skipped: true as const };
      const delivery = await repo.insertDelivery(db, {
        endpointId: endpoint.id,
        eventId: event.id,
        eventType: event.type,
        attempt,
        status: 'pending',
        redeliveryOf: job.redeliveryOf ?? null,
      });
      const body = JSON.stringify(event);
      const result = await postThroughBreaker(endpoint.url, body, {
        'user-agent': 'Lectern-Webhooks/1',
        'lectern-event-id': event.id,
        'lectern-event-type': event.type,
        'lectern-delivery-id': delivery.id,
        // The receiver checks the signature's age against its own clock: the real time.
        'lectern-signature': signPayload(
          secretBox.open(endpoint.secretCiphertext),
          body,
          Math.floor(Date.now() / 1000),
        ),
      });
      await repo.completeDelivery(
        db,
        delivery.id,
        {
          status: result.error ? 'failed' : 'succeeded',
          statusCode: result.statusCode,
          durationMs: result.durationMs,
          error: result.error,
        },
        clock.now(),
      );
      if (!result.error) return { skipped: false as const, statusCode: result.statusCode };
      if (isFinalAttempt && !job.redeliveryOf) {
        await inTransaction(db, async ({ tx }) => {
          const reason = `gave up after ${attempt} failed attempts; last: ${result.error}`;
          await repo.updateEndpoint(tx, endpoint.id, {
            active: false,
            disabledAt: clock.now(),
            disabledReason: reason,
          });
          await appendEvent(tx, {
            type: 'webhook.disabled',
            subjectType: 'webhook',
            subjectId: endpoint.id,
            actorId: null,
            data: { url: endpoint.url, reason, lastEventId: event.id },
          });
        });
      }
      throw new Error(`webhook delivery failed: ${result.error}`);
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
