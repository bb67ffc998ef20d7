import { setTimeout as sleep } from 'node:timers/promises';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '#platform/errors/index.js';
import { type BreakerOptions, createBreakerRegistry, registerBreakerMetrics } from './index.js';

const registries: ReturnType<typeof createBreakerRegistry>[] = [];
function newRegistry() {
  const registry = createBreakerRegistry();
  registries.push(registry);
  return registry;
}
afterEach(() => {
  for (const r of registries.splice(0)) r.shutdown();
});

const fast: BreakerOptions = {
  timeoutMs: 200,
  volumeThreshold: 2,
  errorThresholdPercentage: 50,
  resetTimeoutMs: 100,
};
const boom = () => Promise.reject(new Error('boom'));
const ok = () => Promise.resolve('ok');

describe('circuit breaker', () => {
  it('should pass results and errors through while closed', async () => {
    const breaker = newRegistry().get('svc', fast);
    await expect(breaker.run(ok)).resolves.toBe('ok');
    await expect(breaker.run(boom)).rejects.toThrow('boom');
    expect(breaker.state()).toMatchObject({ name: 'svc', state: 'closed', successes: 1 });
  });

  // volumeThreshold 2 and 50 %: two failures in a row open it.
  it('should open after failures and then fail fast with dependency_unavailable', async () => {
    const registry = newRegistry();
    const breaker = registry.get('payments', fast);
    for (let i = 0; i < 2; i++) await expect(breaker.run(boom)).rejects.toThrow('boom');
    expect(breaker.state().state).toBe('open');

    let called = false;
    const error = await breaker
      .run(async () => {
        called = true;
        return 'never';
      })
      .catch((e: unknown) => e);
    expect(called).toBe(false);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: 'dependency_unavailable', code: 'DEPENDENCY_UNAVAILABLE' });
    expect((error as AppError).retryAfter).toBeGreaterThanOrEqual(1);
    expect(registry.states()).toEqual([
      expect.objectContaining({ name: 'payments', state: 'open', rejections: 1 }),
    ]);
  });

  it('should half-open after the reset timeout and close again on a success', async () => {
    const breaker = newRegistry().get('mail', fast);
    for (let i = 0; i < 2; i++) await breaker.run(boom).catch(() => {});
    expect(breaker.state().state).toBe('open');
    await sleep(150);
    expect(breaker.state().state).toBe('half_open');
    await expect(breaker.run(ok)).resolves.toBe('ok');
    expect(breaker.state().state).toBe('closed');
  });

  it('should open again when the half-open trial fails', async () => {
    const breaker = newRegistry().get('llm', fast);
    for (let i = 0; i < 2; i++) await breaker.run(boom).catch(() => {});
    await sleep(150);
    await expect(breaker.run(boom)).rejects.toThrow('boom');
    expect(breaker.state().state).toBe('open');
  });

  it('should abort and fail a call that exceeds the timeout', async () => {
    const breaker = newRegistry().get('slow', { ...fast, timeoutMs: 50 });
    let aborted = false;
    const started = Date.now();
    const error = await breaker
      .run(
        (signal) =>
          new Promise((resolve) => {
            signal.addEventListener('abort', () => {
              aborted = true;
            });
            setTimeout(resolve, 1000);
          }),
      )
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(500);
    expect(aborted).toBe(true);
    expect(error).toMatchObject({
      kind: 'dependency_unavailable',
      details: [expect.objectContaining({ reason: 'timeout' })],
    });
    expect(breaker.state()).toMatchObject({ failures: 1, timeouts: 1 });
  });

  it('should not count errors that isFailure rejects', async () => {
    const breaker = newRegistry().get('catalog-api', {
      ...fast,
      isFailure: (e) => !(e instanceof Error && e.message === 'not found'),
    });
    for (let i = 0; i < 5; i++) {
      await expect(breaker.run(() => Promise.reject(new Error('not found')))).rejects.toThrow();
    }
    expect(breaker.state()).toMatchObject({ state: 'closed', failures: 0 });
  });

  it('should share one breaker per name', () => {
    const registry = newRegistry();
    expect(registry.get('a', fast)).toBe(registry.get('a', { timeoutMs: 1 }));
  });

  it('should expose state and call counts as metrics', async () => {
    const breakers = newRegistry();
    const breaker = breakers.get('webhooks', fast);
    await breaker.run(ok);
    for (let i = 0; i < 2; i++) await breaker.run(boom).catch(() => {});
    await breaker.run(ok).catch(() => {});
    const metrics = new Registry();
    registerBreakerMetrics(metrics, breakers);
    const text = await metrics.metrics();
    expect(text).toContain('circuit_breaker_state{name="webhooks",state="open"} 1');
    expect(text).toContain('circuit_breaker_state{name="webhooks",state="closed"} 0');
    expect(text).toContain('circuit_breaker_calls_total{name="webhooks",result="success"} 1');
    expect(text).toContain('circuit_breaker_calls_total{name="webhooks",result="failure"} 2');
    expect(text).toContain('circuit_breaker_calls_total{name="webhooks",result="rejected"} 1');
  });
});
