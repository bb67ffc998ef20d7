import CircuitBreaker from 'opossum';
import { AppError, dependencyUnavailable } from '../errors/index.js';

export type BreakerStateName = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  /** Every call is aborted (its signal fires) and counted as a failure after this long. */
  timeoutMs: number;
  /** Open when this share of the calls in the rolling window failed. Default 50. */
  errorThresholdPercentage?: number;
  /** Stay open this long, then let one trial call through (half-open). Default 30 000. */
  resetTimeoutMs?: number;
  /** Calls needed in the rolling window before the breaker may open. Default 5. */
  volumeThreshold?: number;
  /** Length of the rolling window the error percentage is computed over. Default 10 000. */
  rollingWindowMs?: number;
  /**
   * Return false for errors that say nothing about the dependency's health (a 404, a
   * validation error): they are rethrown but not counted against the breaker.
   */
  isFailure?: (error: unknown) => boolean;
}

export interface BreakerState {
  name: string;
  state: BreakerStateName;
  /** Cumulative counts since the breaker was created (for metrics). */
  successes: number;
  failures: number;
  timeouts: number;
  /** Calls refused without being attempted because the breaker was open. */
  rejections: number;
  /** When the breaker last opened (ISO 8601), or null if it never did. */
  openedAt: string | null;
}

export interface Breaker {
  readonly name: string;
  /**
   * Runs `fn` through the breaker. `fn` gets a signal that aborts at the timeout; pass it on to
   * the I/O so the work really stops. Rejects with a `dependency_unavailable` AppError when the
   * breaker is open or the call times out; other errors from `fn` are rethrown unchanged.
   */
  run<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T>;
  state(): BreakerState;
}

export interface BreakerRegistry {
  /**
   * The breaker for the dependency `name`, created with `options` on first use. One breaker per
   * dependency, shared by every caller in the process; later options for the same name are ignored.
   */
  get(name: string, options: BreakerOptions): Breaker;
  states(): BreakerState[];
  /** Stops the breakers' timers; calls made afterwards fail. */
  shutdown(): void;
}

class BreakerTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
    this.name = 'TimeoutError';
  }
}

/** Runs `fn` with a signal that aborts after `timeoutMs`, rejecting at that moment. */
function withDeadline<T>(fn: (signal: AbortSignal) => Promise<T>, timeoutMs: number): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = new BreakerTimeoutError(timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
    Promise.resolve()
      .then(() => fn(controller.signal))
      .then(resolve, reject)
      .finally(() => clearTimeout(timer));
  });
}

function isOpenBreakerError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'EOPENBREAKER' || code === 'ESEMLOCKED';
}

function createOneBreaker(name: string, options: BreakerOptions): Breaker & { shutdown(): void } {
  const resetTimeoutMs = options.resetTimeoutMs ?? 30_000;
  const isFailure = options.isFailure ?? (() => true);
  // opossum's own timeout only rejects; ours also aborts the work, so opossum's is off.
  const circuit = new CircuitBreaker((thunk: () => Promise<unknown>) => thunk(), {
    name,
    timeout: false,
    resetTimeout: resetTimeoutMs,
    errorThresholdPercentage: options.errorThresholdPercentage ?? 50,
    volumeThreshold: options.volumeThreshold ?? 5,
    rollingCountTimeout: options.rollingWindowMs ?? 10_000,
    rollingPercentilesEnabled: false,
    errorFilter: (error: unknown) => !(error instanceof BreakerTimeoutError) && !isFailure(error),
  });
  const counts = { successes: 0, failures: 0, timeouts: 0, rejections: 0 };
  let openedAt: number | null = null;
  circuit.on('success', () => counts.successes++);
  circuit.on('failure', (error: unknown) => {
    counts.failures++;
    if (error instanceof BreakerTimeoutError) counts.timeouts++;
  });
  circuit.on('reject', () => counts.rejections++);
  circuit.on('open', () => {
    openedAt = Date.now();
  });

  const stateName = (): BreakerStateName =>
    circuit.opened ? 'open' : circuit.halfOpen ? 'half_open' : 'closed';

  return {
    name,
    async run<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
      try {
        return (await circuit.fire(() => withDeadline(fn, options.timeoutMs))) as T;
      } catch (error) {
        if (error instanceof AppError) throw error;
        if (isOpenBreakerError(error)) {
          const remainingMs = openedAt === null ? 0 : openedAt + resetTimeoutMs - Date.now();
          throw dependencyUnavailable(name, {
            cause: error,
            retryAfter: Math.max(1, Math.ceil(remainingMs / 1000)),
            details: [{ message: 'circuit breaker is open', reason: 'circuit_open' }],
          });
        }
        if (error instanceof BreakerTimeoutError) {
          throw dependencyUnavailable(name, {
            cause: error,
            details: [{ message: error.message, reason: 'timeout' }],
          });
        }
        throw error;
      }
    },
    state: () => ({
      name,
      state: stateName(),
      ...counts,
      openedAt: openedAt === null ? null : new Date(openedAt).toISOString(),
    }),
    shutdown: () => circuit.shutdown(),
  };
}

/** A set of breakers, one per named dependency. Most code uses the process-wide default below. */
export function createBreakerRegistry(): BreakerRegistry {
  const breakers = new Map<string, ReturnType<typeof createOneBreaker>>();
  return {
    get(name, options) {
      let breaker = breakers.get(name);
      if (!breaker) {
        breaker = createOneBreaker(name, options);
        breakers.set(name, breaker);
      }
      return breaker;
    },
    states: () => [...breakers.values()].map((b) => b.state()),
    shutdown() {
      for (const breaker of breakers.values()) breaker.shutdown();
      breakers.clear();
    },
  };
}

/**
 * Breakers describe the health of a dependency as this process sees it, so they are per process
 * (not per app instance): every caller of the same dependency shares one breaker.
 */
export const defaultBreakers: BreakerRegistry = createBreakerRegistry();

/** The process-wide breaker for the dependency `name` (created on first use). */
export function breakerFor(name: string, options: BreakerOptions): Breaker {
  return defaultBreakers.get(name, options);
}

/** The state of every process-wide breaker: what `/ready` and the metrics report. */
export function breakerStates(): BreakerState[] {
  return defaultBreakers.states();
}
