import type { Logger } from 'pino';
import type { Database, DatabaseHandle } from '../db/index.js';
import { OUTBOX_CHANNEL } from './outbox.js';
import { claimPending, markDispatched, markFailed, type OutboxRow } from './outbox-repository.js';
import type { DomainEvent, EventHandler } from './types.js';

export interface DispatcherOptions {
  db: Database;
  log: Pick<Logger, 'warn' | 'error' | 'debug'>;
  pollIntervalMs?: number;
  batchSize?: number;
  /** How long a claimed batch is ours before another dispatcher may take it. */
  leaseMs?: number;
  /** LISTEN on the outbox channel, so a commit anywhere wakes this dispatcher at once. */
  listen?: DatabaseHandle['listen'];
}

interface Subscription {
  pattern: string;
  consumer: string;
  handler: EventHandler;
}

export interface EventDispatcher {
  /** `pattern` is an exact type, `prefix.*`, or `*`. `consumer` names the subscriber in logs. */
  subscribe(pattern: string, consumer: string, handler: EventHandler): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Asks for a dispatch pass now (after a commit that appended events). */
  wake(): void;
  /** Dispatches until nothing is pending and due; returns how many events were delivered. */
  drain(): Promise<number>;
}

export const matchesPattern = (pattern: string, type: string): boolean =>
  pattern === '*' ||
  pattern === type ||
  (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1)));

export function toDomainEvent(row: OutboxRow): DomainEvent {
  return {
    id: row.id,
    type: row.type,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    actorId: row.actorId,
    data: row.data,
    occurredAt: row.occurredAt.toISOString(),
  };
}

/** Exponential backoff for an event whose subscriber failed: 2 s, 4 s, … capped at 10 min. */
const retryDelayMs = (attempts: number) => Math.min(600_000, 1000 * 2 ** Math.min(attempts, 20));

/**
 * Delivers outbox events to in-process subscribers at least once. Every process runs one; the
 * claim query hands each event to one of them, and subscribers de-duplicate by event id.
 */
export function createEventDispatcher(options: DispatcherOptions): EventDispatcher {
  const { db, log, pollIntervalMs = 500, batchSize = 100, leaseMs = 30_000 } = options;
  const subscriptions: Subscription[] = [];
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let stopped = true;
  let wakeRequested = false;
  let unlisten: (() => Promise<void>) | null = null;

  async function deliver(row: OutboxRow): Promise<void> {
    const event = toDomainEvent(row);
    for (const sub of subscriptions) {
      if (matchesPattern(sub.pattern, event.type)) await sub.handler(event);
    }
  }

  /** Passes until a batch comes back short and nobody asked for another pass meanwhile. */
  async function drainLoop(): Promise<number> {
    let total = 0;
    for (;;) {
      wakeRequested = false;
      const batch = await passOnce();
      total += batch.delivered;
      if (batch.claimed < batchSize && !wakeRequested) return total;
    }
  }

  async function passOnce(): Promise<{ claimed: number; delivered: number }> {
    const batch = await claimPending(db, batchSize, leaseMs);
    let delivered = 0;
    const ids: string[] = [];
    for (const row of batch) {
      try {
        await deliver(row);
        ids.push(row.id);
        delivered++;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        log.warn(
          { err, eventId: row.id, type: row.type, attempts: row.attempts },
          'event delivery failed; will retry',
        );
        await markFailed(db, row.id, message, new Date(Date.now() + retryDelayMs(row.attempts)));
      }
    }
    await markDispatched(db, ids);
    return { claimed: batch.length, delivered };
  }
  function run(): Promise<number> {
    if (!running) {
      running = drainLoop()
        .catch((err: unknown) => {
          log.error({ err }, 'event dispatch pass failed');
          return 0;
        })
        .finally(() => {
          running = null;
        });
    }
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(async () => {
      await run();
      schedule();
    }, pollIntervalMs);
    timer.unref();
  }

  function wake(): void {
    wakeRequested = true;
    if (!stopped) void run();
  }

  return {
    subscribe(pattern, consumer, handler) {
      subscriptions.push({ pattern, consumer, handler });
    },
    async start() {
      if (!stopped) return;
      stopped = false;
      if (options.listen) unlisten = await options.listen(OUTBOX_CHANNEL, wake);
      schedule();
      wake();
    },
    async stop() {
      stopped = true;
      await unlisten?.();
      unlisten = null;
      if (timer) clearTimeout(timer);
      timer = null;
      if (running) await running;
    },
    wake,
    async drain() {
      let total = 0;
      if (running) total += await running;
      total += await run();
      return total;
    },
  };
}
