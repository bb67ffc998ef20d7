import type { Executor } from '../db/index.js';

export const JOB_STATES = [
  'created',
  'retry',
  'active',
  'completed',
  'failed',
  'cancelled',
] as const;
export type JobState = (typeof JOB_STATES)[number];
export const FINISHED_STATES: readonly JobState[] = ['completed', 'failed', 'cancelled'];

/** What a handler gets for one run (attempt) of a job. */
export interface JobContext<T> {
  id: string;
  queue: string;
  data: T;
  /** 1 for the first run, 2 for the first retry, … */
  attempt: number;
  /** Aborted when the job is cancelled, times out, or the process shuts down: stop early. */
  signal: AbortSignal;
  /**
   * Persists progress (0–100) and a message, and tells progress listeners. Uses the root
   * database: call it outside any unit of work (on PGlite a root query inside one waits forever).
   */
  progress(percent: number, message?: string): Promise<void>;
}

/** Runs one job; what it returns (JSON) is recorded as the job's result. Throw to fail the run. */
export type JobHandler<T = unknown, R = unknown> = (context: JobContext<T>) => Promise<R>;

export interface HandlerOptions {
  /** Jobs of this queue run at once in each worker process. */
  concurrency?: number;
  /** Retries after the first failure; then the job goes to the queue's dead letters. */
  retryLimit?: number;
  /** Base of the exponential backoff (with jitter) between retries, in seconds. */
  retryDelaySeconds?: number;
  /** A run taking longer fails (and is retried). */
  timeoutSeconds?: number;
}

export interface EnqueueOptions {
  /** The user the job is for: they (and admins) may read and cancel it. */
  ownerId?: string | null;
  /** Not before this time. */
  startAfter?: Date;
  priority?: number;
  /** At most one queued job per key and queue (pg-boss throttling: for `singletonSeconds`). */
  singletonKey?: string;
  singletonSeconds?: number;
}

/** Published on every progress report; realtime subscribes here to push it to clients. */
export interface JobProgressEvent {
  jobId: string;
  queue: string;
  ownerId: string | null;
  progress: number;
  message: string | null;
}

export type ProgressListener = (event: JobProgressEvent) => void | Promise<void>;

export interface JobQueue {
  /** Registers the handler of a queue (call before `start`; the name is the queue's name). */
  register<T, R>(queue: string, handler: JobHandler<T, R>, options?: HandlerOptions): void;
  /**
   * Enqueues a job inside the caller's transaction: it exists if and only if the transaction
   * commits. Returns the job id (also the id of its record), or null when a job with the same
   * `singletonKey` is already queued.
   */
  enqueue<T extends object>(
    tx: Executor,
    queue: string,
    data: T,
    options?: EnqueueOptions,
  ): Promise<string | null>;
  /** Runs `queue` on a cron schedule (UTC); idempotent across processes and restarts. */
  schedule(queue: string, cron: string, data?: Record<string, unknown>): Promise<void>;
  /**
   * Cancels a queued or running job in its own transaction (a running handler, in any process,
   * sees its signal aborted). False when the job had already finished or does not exist.
   */
  cancel(jobId: string): Promise<boolean>;
  /** Subscribes to progress reports; returns the function that unsubscribes. */
  onProgress(listener: ProgressListener): () => void;
  /** Creates the queues and, when `work` is on, starts taking jobs. */
  start(): Promise<void>;
  /**
   * Stops taking jobs, lets running ones finish for up to `timeoutMs`, then aborts the rest and
   * hands them back to the queue (as a failed attempt, retried with backoff).
   */
  stop(options?: { timeoutMs?: number }): Promise<void>;
  /** Jobs running in this process now. */
  running(): number;
}
