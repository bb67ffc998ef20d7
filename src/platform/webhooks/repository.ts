import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Executor } from '../db/index.js';
import type { DeliveryStatus } from './delivery-status.js';
import { webhookDeliveries, webhookEndpointEvents, webhookEndpoints } from './tables.js';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type EndpointWithTypes = EndpointRow & { eventTypes: string[] };

export async function insertEndpoint(
  tx: Executor,
  values: typeof webhookEndpoints.$inferInsert,
  eventTypes: string[],
): Promise<EndpointWithTypes> {
  const [row] = await tx.insert(webhookEndpoints).values(values).returning();
  await replaceEventTypes(tx, row!.id, eventTypes);
  return { ...row!, eventTypes: [...eventTypes].sort() };
}

export async function replaceEventTypes(tx: Executor, endpointId: string, eventTypes: string[]) {
  await tx.delete(webhookEndpointEvents).where(eq(webhookEndpointEvents.endpointId, endpointId));
  if (eventTypes.length > 0) {
    await tx
      .insert(webhookEndpointEvents)
      .values(eventTypes.map((eventType) => ({ endpointId, eventType })));
  }
}

async function withTypes(executor: Executor, rows: EndpointRow[]): Promise<EndpointWithTypes[]> {
  if (rows.length === 0) return [];
  const types = await executor
    .select()
    .from(webhookEndpointEvents)
    .where(
      inArray(
        webhookEndpointEvents.endpointId,
        rows.map((r) => r.id),
      ),
    );
  return rows.map((row) => ({
    ...row,
    eventTypes: types
      .filter((t) => t.endpointId === row.id)
      .map((t) => t.eventType)
      .sort(),
  }));
}

export async function findEndpoint(
  executor: Executor,
  id: string,
): Promise<EndpointWithTypes | null> {
  const rows = await executor.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return (await withTypes(executor, rows))[0] ?? null;
}

/** Newest first; `before` is the last id of the previous page. */
export async function listEndpoints(executor: Executor, limit: number, before?: string) {
  const rows = await executor
    .select()
    .from(webhookEndpoints)
    .where(before ? lt(webhookEndpoints.id, before) : undefined)
    .orderBy(desc(webhookEndpoints.id))
    .limit(limit);
  return withTypes(executor, rows);
}

export async function listActiveEndpoints(executor: Executor): Promise<EndpointWithTypes[]> {
  const rows = await executor
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.active, true));
  return withTypes(executor, rows);
}

export async function updateEndpoint(
  tx: Executor,
  id: string,
  values: Partial<typeof webhookEndpoints.$inferInsert>,
): Promise<void> {
  await tx.update(webhookEndpoints).set(values).where(eq(webhookEndpoints.id, id));
}

export async function deleteEndpoint(tx: Executor, id: string): Promise<boolean> {
  const deleted = await tx
    .delete(webhookEndpoints)
    .where(eq(webhookEndpoints.id, id))
    .returning({ id: webhookEndpoints.id });
  return deleted.length > 0;
}

export async function insertDelivery(
  tx: Executor,
  values: typeof webhookDeliveries.$inferInsert,
): Promise<DeliveryRow> {
  const [row] = await tx.insert(webhookDeliveries).values(values).returning();
  return row!;
}

export async function completeDelivery(
  tx: Executor,
  id: string,
  result: {
    status: Exclude<DeliveryStatus, 'pending'>;
    statusCode: number | null;
    durationMs: number;
    error: string | null;
  },
  completedAt: Date,
): Promise<void> {
  await tx
    .update(webhookDeliveries)
    .set({ ...result, completedAt })
    .where(eq(webhookDeliveries.id, id));
}

export async function findDelivery(
  executor: Executor,
  endpointId: string,
  id: string,
): Promise<DeliveryRow | null> {
  const [row] = await executor
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.endpointId, endpointId)));
  return row ?? null;
}

export async function listDeliveries(
  executor: Executor,
  endpointId: string,
  limit: number,
  before?: string,
) {
  return executor
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.endpointId, endpointId),
        before ? lt(webhookDeliveries.id, before) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit);
}
