import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { type DatabaseHandle, inTransaction } from '../db/index.js';
import { bossDbForExecutor } from './boss-db.js';
import { markCompleted, markFailed, markStarted, saveProgress } from './repository.js';
import type { JobHandler, JobProgressEvent } from './types.js';

/** Why a run was aborted; the message is what the job record shows. */
export class JobAborted extends Error {
  constructor(
    readonly reason: 'cancelled' | 'timeout' | 'shutdown',
    message: string,
  ) {
    super(message);
    this.name = 'JobAborted';
  }
}

export interface RunDeps {
  boss: PgBoss;
  database: DatabaseHandle;
  log: Pick<Logger, 'warn' | 'debug'>;
  publishProgress(event: JobProgressEvent): void;
}

export interface RunSpec {
  handler: JobHandler<unknown, unknown>;
  timeoutSeconds: number;
}

/** Rejects once `signal` aborts, with its reason. */
function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * One run of one job: records the start, calls the handler with progress reporting and an abort
 * signal (cancel, timeout, shutdown), then records the outcome and completes or fails the
 * pg-boss job in the same transaction, so record and queue never disagree.
 */
export async function runJob(
  deps: RunDeps,
  spec: RunSpec,
  job: PgBoss.JobWithMetadata<unknown>,
  controller: AbortController,
): Promise<void> {
  const { boss, database, log } = deps;
  const db = database.db;
  const attempt = job.retryCount + 1;
  const maxAttempts = job.retryLimit + 1;
  const started = await markStarted(db, { id: job.id, queue: job.name, attempt, maxAttempts });
  if (!started) {
    // Cancelled between pg-boss handing it out and now.
    await boss.cancel(job.name, job.id);
    return;
  }

  const { signal } = controller;
  const timer = setTimeout(
    () => controller.abort(new JobAborted('timeout', `timed out after ${spec.timeoutSeconds} s`)),
    spec.timeoutSeconds * 1000,
  );
  const progress = async (percent: number, message?: string) => {
    if (signal.aborted) return;
    const value = Math.min(100, Math.max(0, Math.round(Number.isFinite(percent) ? percent : 0)));
    const text = message === undefined ? null : message.slice(0, 1000);
    const saved = await saveProgress(db, job.id, value, text);
    if (!saved) {
      controller.abort(new JobAborted('cancelled', 'cancelled'));
      return;
    }
    deps.publishProgress({
      jobId: job.id,
      queue: job.name,
      ownerId: saved.ownerId,
      progress: value,
      message: text,
    });
  };

  try {
    const work = spec.handler({
      id: job.id,
      queue: job.name,
      data: job.data,
      attempt,
      signal,
      progress,
    });
    // A handler that ignores its signal keeps running, but its outcome no longer counts.
    work.catch(() => undefined);
    const result = await Promise.race([work, whenAborted(signal)]);
    await inTransaction(db, async ({ tx }) => {
      await markCompleted(tx, job.id, result);
      await boss.complete(job.name, job.id, toOutput(result), { db: bossDbForExecutor(tx) });
    });
  } catch (err) {
    if (err instanceof JobAborted && err.reason === 'cancelled') {
      log.debug({ jobId: job.id, queue: job.name }, 'job cancelled while running');
      return;
    }
    const retry = attempt < maxAttempts;
    const message = messageOf(err);
    log.warn(
      { err, jobId: job.id, queue: job.name, attempt, maxAttempts },
      retry ? 'job failed; will retry' : 'job failed for good; moved to dead letters',
    );
    // Both writes skip a job that is no longer active (cancelled meanwhile).
    await inTransaction(db, async ({ tx }) => {
      await markFailed(tx, job.id, message, retry);
      await boss.fail(job.name, job.id, { message }, { db: bossDbForExecutor(tx) });
    });
  } finally {
    clearTimeout(timer);
  }
}

/** pg-boss stores an object as the job's output; anything else is wrapped. */
function toOutput(result: unknown): object {
  if (result !== null && typeof result === 'object' && !Array.isArray(result)) return result;
  return { value: result ?? null };
}
