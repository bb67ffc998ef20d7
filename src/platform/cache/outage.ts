import type { Logger } from 'pino';

export interface OutageTracker {
  readonly failing: boolean;
  /** Records a failed Redis operation; logs only the first of an outage. */
  failed(operation: string, err: unknown): void;
  /** Records a successful one; ends the outage if there was one. */
  worked(): void;
  stop(): void;
}

/**
 * Tracks whether Redis is failing for the cache. While it is, a probe runs in the background so
 * the cache recovers (and says so) even when no traffic comes by to find out — a stalled Redis
 * that comes back never emits a reconnect event.
 */
export function createOutageTracker(options: {
  log: Pick<Logger, 'warn' | 'info'>;
  probe: () => Promise<unknown>;
  onRecovered: () => void;
  probeIntervalMs?: number;
}): OutageTracker {
  const { log, probe, onRecovered, probeIntervalMs = 2000 } = options;
  let failing = false;
  let timer: NodeJS.Timeout | undefined;
  const tracker: OutageTracker = {
    get failing() {
      return failing;
    },
    failed(operation, err) {
      if (failing) return;
      failing = true;
      log.warn({ err, operation }, 'cache degraded: redis failing; serving from L1 and loaders');
      timer = setInterval(() => probe().then(tracker.worked, () => {}), probeIntervalMs);
      timer.unref();
    },
    worked() {
      if (!failing) return;
      failing = false;
      clearInterval(timer);
      log.info('cache recovered: redis reachable again');
      onRecovered();
    },
    stop: () => clearInterval(timer),
  };
  return tracker;
}
