import type { Static } from 'typebox';
import type { DeliveryRow, EndpointWithTypes } from './repository.js';
import type { DeliverySchema, WebhookSchema } from './schemas.js';

export type WebhookDto = Static<typeof WebhookSchema>;
export type DeliveryDto = Static<typeof DeliverySchema>;

export function toWebhookDto(row: EndpointWithTypes): WebhookDto {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    active: row.active,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    disabledReason: row.disabledReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toDeliveryDto(row: DeliveryRow): DeliveryDto {
  return {
    id: row.id,
    eventId: row.eventId,
    eventType: row.eventType,
    attempt: row.attempt,
    status: row.status,
    statusCode: row.statusCode,
    durationMs: row.durationMs,
    error: row.error,
    redeliveryOf: row.redeliveryOf,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}
