import { describe, expect, it } from 'vitest';
import { retryWithBackoff } from './index.js';

describe('retryWithBackoff', () => {
  it('should retry until the call succeeds, with full-jitter exponential delays', async () => {
    const delays: number[] = [];
    let calls = 0;
    const result = await retryWithBackoff(
      async (attempt) => {
        calls++;
        if (attempt < 4) throw new Error('not yet');
        return 'done';
      },
      {
        maxElapsedMs: 10_000,
        initialDelayMs: 4,
        maxDelayMs: 10,
        random: () => 0.5,
        onRetry: (_e, _attempt, delay) => delays.push(delay),
      },
    );
    expect(result).toBe('done');
    expect(calls).toBe(4);
    // ceilings 4, 8, 16→capped at 10; half of each with random() = 0.5
    expect(delays).toEqual([2, 4, 5]);
  });

  it('should stop at once on an error that is not retryable', async () => {
    let calls = 0;
    const error = await retryWithBackoff(
      async () => {
        calls++;
        throw new Error('bad request');
      },
      { maxElapsedMs: 10_000, retryable: () => false },
    ).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect(calls).toBe(1);
  });

  it('should give up with the last error once the time budget is spent', async () => {
    let calls = 0;
    const started = Date.now();
    await expect(
      retryWithBackoff(
        async () => {
          calls++;
          throw new Error(`failure ${calls}`);
        },
        { maxElapsedMs: 50, initialDelayMs: 10, maxDelayMs: 20, random: () => 1 },
      ),
    ).rejects.toThrow(/failure \d+/);
    expect(Date.now() - started).toBeLessThan(500);
    expect(calls).toBeGreaterThan(1);
  });

  it('should stop waiting when the signal aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    await expect(
      retryWithBackoff(
        async () => {
          throw new Error('down');
        },
        { maxElapsedMs: 60_000, initialDelayMs: 5000, signal: controller.signal, random: () => 1 },
      ),
    ).rejects.toThrow(/abort/i);
  });
});
