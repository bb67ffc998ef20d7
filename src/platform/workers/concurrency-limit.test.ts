import { describe, expect, it } from 'vitest';
import { createConcurrencyLimit } from './concurrency-limit.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('createConcurrencyLimit', () => {
  it('should run at most `size` tasks at once, the rest in arrival order', async () => {
    const limit = createConcurrencyLimit(2);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const gates: Array<() => void> = [];
    const tasks = [0, 1, 2, 3, 4].map((n) =>
      limit.run(async () => {
        active++;
        peak = Math.max(peak, active);
        order.push(n);
        await new Promise<void>((open) => gates.push(open));
        active--;
        return n;
      }),
    );
    await tick();
    expect(limit.load()).toEqual({ running: 2, waiting: 3 });
    while (gates.length > 0 || order.length < 5) {
      gates.shift()?.();
      await tick();
    }
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4]);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
    expect(limit.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('should free the slot of a task that fails', async () => {
    const limit = createConcurrencyLimit(1);
    await expect(limit.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limit.run(async () => 7)).toBe(7);
    expect(limit.load()).toEqual({ running: 0, waiting: 0 });
  });
});
