import { describe, expect, it } from 'vitest';
import { systemClock, testClock } from './index.js';

describe('clock', () => {
  it('the system clock reads the real time', () => {
    const before = Date.now();
    const now = systemClock.nowMs();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(systemClock.now().getTime()).toBeGreaterThanOrEqual(now);
  });

  it('a test clock stands still until moved', () => {
    const clock = testClock('2026-01-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:01:30.000Z');
    clock.set('2026-02-01T00:00:00Z');
    expect(clock.nowMs()).toBe(Date.parse('2026-02-01T00:00:00Z'));
  });

  it('hands out a fresh Date each time, so callers cannot move it by mutation', () => {
    const clock = testClock(0);
    clock.now().setTime(5);
    expect(clock.nowMs()).toBe(0);
  });

  it('refuses a start that is not an instant', () => {
    expect(() => testClock('not a date')).toThrow(RangeError);
  });
});
