import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryOptions {
  /** Give up once this much time has passed since the first attempt. */
  maxElapsedMs: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Return false to stop retrying on an error that will not go away. */
  retryable?: (error: unknown) => boolean;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  signal?: AbortSignal;
  /** Source of randomness for the jitter; injectable for deterministic tests. */
  random?: () => number;
}

/**
 * Runs `fn` until it succeeds, waiting an exponentially growing, fully jittered delay between
 * attempts ("full jitter": uniform in [0, min(max, initial·2^n)]), so that many processes
 * retrying together do not hammer a recovering dependency in lockstep.
 */
export async function retryWithBackoff<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const { maxElapsedMs, initialDelayMs = 100, maxDelayMs = 5000, random = Math.random } = options;
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (options.retryable && !options.retryable(error)) throw error;
      const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1));
      const delay = Math.round(random() * ceiling);
      if (Date.now() - started + delay > maxElapsedMs) throw error;
      options.onRetry?.(error, attempt, delay);
      await sleep(delay, undefined, { signal: options.signal });
    }
  }
}
