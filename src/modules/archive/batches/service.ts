import { createReadStream } from 'node:fs';
import { basename, join } from 'node:path';
import { sql } from 'drizzle-orm';
import { writeAudit } from '#platform/audit/index.js';
import type { Principal } from '#platform/auth/index.js';
import type { Clock } from '#platform/clock/index.js';
import { type Database, inTransaction } from '#platform/db/index.js';
import { AppError, conflict, notFound, validationError } from '#platform/errors/index.js';
import { decodeIdCursor, encodeCursor, type Page } from '#platform/http/pagination.js';
import type { JobContext, JobQueue } from '#platform/jobs/index.js';
import type { Realtime } from '#platform/realtime/index.js';
import type { Storage } from '#platform/storage/index.js';
import { appendArchiveEvent } from '../events.js';
import type { ImageService } from '../images/index.js';
import * as repo from './repository.js';
import { percentOf, rollUp } from './roll-up.js';
import { resolveSources } from './sources.js';

export const ARCHIVE_BATCH_QUEUE = 'archive.batch';
export const batchTopic = (id: string) => `archive-batches:${id}`;
const MAX_FILE_BYTES = 1_099_511_627_776;

export interface BatchServiceDeps {
  db: Database;
  jobs: JobQueue;
  realtime: Realtime;
  storage: Storage;
  clock: Clock;
  images: ImageService;
  importDir: string | undefined;
}

const FINISHED = new Set(['done', 'failed', 'cancelled']);

function toBatchDto(batch: repo.BatchRow, counts: repo.BatchCounts) {
  return {
    id: batch.id,
    status: batch.status as 'pending' | 'running' | 'done' | 'failed' | 'cancelled',
    productName: batch.productName,
    counts,
    total: counts.pending + counts.running + counts.done + counts.failed + counts.cancelled,
    percent: percentOf(counts),
    createdBy: batch.createdBy,
    createdAt: batch.createdAt.toISOString(),
    completedAt: batch.completedAt?.toISOString() ?? null,
  };
}

const toItemDto = (item: repo.BatchItemRow) => ({
  id: item.id,
  position: item.position,
  source: item.source,
  status: item.status as 'pending' | 'running' | 'done' | 'failed' | 'cancelled',
  error: item.error,
  imageIds: item.imageIds,
  attempts: item.attempts,
  updatedAt: item.updatedAt.toISOString(),
});

/** What a failed item records: the engine's or the service's message, never a stack. */
const reasonOf = (error: unknown) =>
  error instanceof AppError
    ? `${error.code}: ${error.message}`
    : error instanceof Error
      ? error.message
      : String(error);

/**
 * Batch ingest of files under `ARCHIVE_IMPORT_DIR`: a batch is a job with one item per file,
 * worked in order; a bad file fails its item and the others go on. Progress goes to the job
 * record and the WebSocket topic `archive-batches:<id>`; the batch's status is rolled up from
 * its items'.
 */
export function createBatchService(deps: BatchServiceDeps) {
  const { db, jobs, realtime, storage, clock, images } = deps;

  async function detail(id: string) {
    const batch = await repo.findBatch(db, id);
    if (!batch) throw notFound('Batch', 'BATCH_NOT_FOUND');
    const counts = (await repo.countsOf(db, [id])).get(id)!;
    return { ...toBatchDto(batch, counts), items: (await repo.itemsOf(db, id)).map(toItemDto) };
  }

  async function publishProgress(batchId: string, item?: repo.BatchItemRow) {
    const batch = await repo.findBatch(db, batchId);
    if (!batch) return;
    const counts = (await repo.countsOf(db, [batchId])).get(batchId)!;
    await realtime.publish([batchTopic(batchId)], {
      type: 'batch.progress',
      subjectType: 'archive-batch',
      subjectId: batchId,
      actorId: null,
      data: {
        status: batch.status,
        counts,
        percent: percentOf(counts),
        ...(item
          ? {
              item: {
                id: item.id,
                position: item.position,
                status: item.status,
                error: item.error,
              },
            }
          : {}),
      },
    });
    return percentOf(counts);
  }

  /** Ingests one item's file; its outcome is recorded on the item, never thrown. */
  async function work(batch: repo.BatchRow, item: repo.BatchItemRow) {
    if (!deps.importDir) throw new Error('ARCHIVE_IMPORT_DIR is not set');
    const path = join(deps.importDir, item.source);
    const filename = basename(item.source);
    let storageKey: string | undefined;
    try {
      const put = await storage.store.put(createReadStream(path), {
        filename,
        contentType: 'application/fits',
        maxBytes: MAX_FILE_BYTES,
      });
      storageKey = put.storageKey;
      const productName = batch.productName
        ? `${batch.productName}-${filename.replace(/\.(fits?|fts)$/i, '')}`
        : undefined;
      const ingested = await images.ingestStored(
        batch.createdBy,
        { ...put, filename },
        productName ? { productName } : {},
      );
      await inTransaction(db, ({ tx }) =>
        repo.finishItem(tx, item.id, { status: 'done', imageIds: ingested.map((i) => i.id) }),
      );
    } catch (error) {
      if (storageKey) await storage.discard(storageKey);
      await inTransaction(db, ({ tx }) =>
        repo.finishItem(tx, item.id, { status: 'failed', error: reasonOf(error) }),
      );
    }
  }

  /** Sets the rolled-up status once no item is left; the `batch.completed` event goes with it. */
  async function settle(batchId: string) {
    await inTransaction(db, async ({ tx }) => {
      const batch = await repo.findBatch(tx, batchId, true);
      if (!batch) return;
      const counts = (await repo.countsOf(tx, [batchId])).get(batchId)!;
      const status = rollUp(counts, batch.status === 'cancelled');
      const finished = FINISHED.has(status);
      if (status === batch.status && (!finished || batch.completedAt)) return;
      await repo.setBatchStatus(tx, batchId, status, finished ? clock.now() : null);
      if (finished)
        await appendArchiveEvent(tx, 'batch.completed', batchId, batch.createdBy, {
          status,
          done: counts.done,
          failed: counts.failed,
          cancelled: counts.cancelled,
        });
    });
  }

  return {
    async create(principal: Principal, body: { files: string[]; productName?: string }) {
      if (!deps.importDir)
        throw validationError(
          'Batches by path need ARCHIVE_IMPORT_DIR to be configured',
          [{ path: '/body/files', message: 'ARCHIVE_IMPORT_DIR is not set on this server' }],
          'IMPORT_DIR_NOT_SET',
        );
      const sources = await resolveSources(deps.importDir, body.files);
      const id = await inTransaction(db, async ({ tx }) => {
        const batch = await repo.insertBatch(
          tx,
          { productName: body.productName ?? null, createdBy: principal.userId },
          sources,
        );
        await jobs.enqueue(
          tx,
          ARCHIVE_BATCH_QUEUE,
          { batchId: batch.id },
          { ownerId: principal.userId, singletonKey: batch.id },
        );
        await writeAudit(tx, {
          action: 'archive.batch_created',
          resourceType: 'archive_batch',
          resourceId: batch.id,
          details: { files: sources.length },
        });
        return batch.id;
      });
      return detail(id);
    },

    detail,

    async list(query: {
      limit: number;
      cursor?: string;
    }): Promise<Page<ReturnType<typeof toBatchDto>>> {
      const before = query.cursor ? decodeIdCursor(query.cursor) : null;
      const rows = await repo.listBatches(db, query.limit, before);
      const more = rows.length > query.limit;
      const page = more ? rows.slice(0, query.limit) : rows;
      const counts = await repo.countsOf(
        db,
        page.map((b) => b.id),
      );
      const last = page.at(-1);
      return {
        items: page.map((b) => toBatchDto(b, counts.get(b.id)!)),
        nextCursor: more && last ? encodeCursor({ id: last.id }) : null,
      };
    },

    /** Cancels the items not started yet; the one in progress finishes. */
    async cancel(principal: Principal, id: string) {
      await inTransaction(db, async ({ tx }) => {
        const batch = await repo.findBatch(tx, id, true);
        if (!batch) throw notFound('Batch', 'BATCH_NOT_FOUND');
        if (FINISHED.has(batch.status))
          throw conflict(`The batch is already ${batch.status}`, 'BATCH_FINISHED');
        const cancelled = await repo.setItemsStatus(tx, id, 'pending', 'cancelled');
        await repo.setBatchStatus(tx, id, 'cancelled', null);
        await writeAudit(tx, {
          action: 'archive.batch_cancelled',
          resourceType: 'archive_batch',
          resourceId: id,
          details: { cancelled, by: principal.userId },
        });
      });
      await settle(id);
      await publishProgress(id);
      return detail(id);
    },

    /** Puts the failed items back in the queue, as a new run of the batch. */
    async retry(principal: Principal, id: string) {
      await inTransaction(db, async ({ tx }) => {
        const batch = await repo.findBatch(tx, id, true);
        if (!batch) throw notFound('Batch', 'BATCH_NOT_FOUND');
        const again = await repo.setItemsStatus(tx, id, 'failed', 'pending');
        if (again === 0)
          throw conflict('The batch has no failed item to retry', 'NOTHING_TO_RETRY');
        await repo.setBatchStatus(tx, id, 'running', null);
        await jobs.enqueue(
          tx,
          ARCHIVE_BATCH_QUEUE,
          { batchId: id },
          { ownerId: principal.userId, singletonKey: id },
        );
        await writeAudit(tx, {
          action: 'archive.batch_retried',
          resourceType: 'archive_batch',
          resourceId: id,
          details: { items: again },
        });
      });
      await publishProgress(id);
      return detail(id);
    },

    /** The job: works the batch's pending items one by one until none is left or it is cancelled. */
    async run(ctx: JobContext<{ batchId: string }>) {
      const { batchId } = ctx.data;
      const start = await inTransaction(db, async ({ tx }) => {
        const batch = await repo.findBatch(tx, batchId, true);
        if (!batch || FINISHED.has(batch.status)) return null;
        // A run cut short (a killed worker) left its item running: it starts again.
        await repo.requeueRunning(tx, batchId);
        if (batch.status === 'pending') await repo.setBatchStatus(tx, batchId, 'running', null);
        return batch;
      });
      if (!start) return { batchId, skipped: true };
      while (!ctx.signal.aborted) {
        const next = await inTransaction(db, async ({ tx }) => {
          const batch = await repo.findBatch(tx, batchId, true);
          if (!batch || batch.status === 'cancelled') return null;
          const item = await repo.claimNextItem(tx, batchId);
          return item ? { batch, item } : null;
        });
        if (!next) break;
        await work(next.batch, next.item);
        const [done] = (await repo.itemsOf(db, batchId)).filter((i) => i.id === next.item.id);
        const percent = await publishProgress(batchId, done);
        await ctx.progress(percent ?? 0, `${next.item.source}: ${done?.status}`);
      }
      // Shutting down: the job fails so that a retry (here or in another process) resumes it.
      if (ctx.signal.aborted) throw new Error('the batch was interrupted; a retry resumes it');
      await settle(batchId);
      // Fresh statistics keep the sky index's plan right after a bulk load; PGlite, which never
      // autovacuums, would otherwise plan on an empty table's.
      await db.execute(sql`ANALYZE archive_images, archive_footprint_cells, archive_qa`);
      await publishProgress(batchId);
      return { batchId, ...(await detail(batchId)).counts };
    },
  };
}

export type BatchService = ReturnType<typeof createBatchService>;
