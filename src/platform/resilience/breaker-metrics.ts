import { Counter, Gauge, type Registry } from 'prom-client';
import { type BreakerRegistry, type BreakerStateName, defaultBreakers } from './circuit-breaker.js';

const STATES: BreakerStateName[] = ['closed', 'open', 'half_open'];

/**
 * Registers `circuit_breaker_state{name,state}` (1 for the current state, 0 otherwise) and
 * `circuit_breaker_calls_total{name,result=success|failure|timeout|rejected}` on `registry`.
 * Both are read from the breakers when scraped, so breakers created later show up too.
 */
export function registerBreakerMetrics(
  registry: Registry,
  breakers: BreakerRegistry = defaultBreakers,
): void {
  new Gauge({
    name: 'circuit_breaker_state',
    help: 'Circuit breaker state per outbound dependency (1 = current state)',
    labelNames: ['name', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const breaker of breakers.states()) {
        for (const state of STATES)
          this.set({ name: breaker.name, state }, +(breaker.state === state));
      }
    },
  });
  new Counter({
    name: 'circuit_breaker_calls_total',
    help: 'Calls through each circuit breaker by outcome',
    labelNames: ['name', 'result'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const b of breakers.states()) {
        // A timeout is also a failure in the breaker's counts; report the two apart.
        this.inc({ name: b.name, result: 'success' }, b.successes);
        this.inc({ name: b.name, result: 'failure' }, b.failures - b.timeouts);
        this.inc({ name: b.name, result: 'timeout' }, b.timeouts);
        this.inc({ name: b.name, result: 'rejected' }, b.rejections);
      }
    },
  });
}
