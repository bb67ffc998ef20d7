/**
 * Where services and repositories read the time. Production uses `systemClock`; tests build the
 * app with a `testClock` and move time with `advance`/`set` instead of rewriting rows.
 */
export interface Clock {
  /** The current instant as a `Date` (a fresh object each call). */
  now(): Date;
  /** The current instant in epoch milliseconds. */
  nowMs(): number;
}

export const systemClock: Clock = {
  now: () => new Date(),
  nowMs: () => Date.now(),
};

export interface TestClock extends Clock {
  /** Moves the clock forward (or back, with a negative value) by `ms`. */
  advance(ms: number): void;
  set(instant: Date | string | number): void;
}

/** A clock that stands still until told to move; starts at `start` (default: the real now). */
export function testClock(start: Date | string | number = Date.now()): TestClock {
  let current = new Date(start).getTime();
  if (Number.isNaN(current)) throw new RangeError(`testClock: not an instant: ${String(start)}`);
  return {
    now: () => new Date(current),
    nowMs: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (instant) => {
      const next = new Date(instant).getTime();
      if (Number.isNaN(next)) throw new RangeError(`testClock: not an instant: ${String(instant)}`);
      current = next;
    },
  };
}
