import { describe, expect, it } from 'vitest';
import { percentOf, rollUp } from './roll-up.js';

const c = (pending: number, running: number, done: number, failed: number, cancelled = 0) => ({
  pending,
  running,
  done,
  failed,
  cancelled,
});

describe('rollUp', () => {
  it.each([
    [c(3, 0, 0, 0), false, 'pending'],
    [c(2, 1, 0, 0), false, 'running'],
    [c(1, 0, 2, 0), false, 'running'],
    [c(1, 0, 1, 1), false, 'running'],
    [c(0, 0, 3, 0), false, 'done'],
    [c(0, 0, 2, 1), false, 'failed'],
    [c(0, 0, 1, 0, 2), true, 'cancelled'],
    [c(0, 0, 1, 1, 2), true, 'failed'],
    [c(0, 1, 1, 0, 2), true, 'cancelled'],
  ] as const)('should roll %o (cancelled: %s) up to %s', (counts, cancelled, status) => {
    expect(rollUp(counts, cancelled)).toBe(status);
  });

  it('should count finished items in the percentage', () => {
    expect(percentOf(c(1, 1, 1, 1))).toBe(50);
    expect(percentOf(c(0, 0, 0, 0))).toBe(100);
  });
});
