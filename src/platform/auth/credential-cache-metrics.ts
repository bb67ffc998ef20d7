import { Counter, Gauge, type Registry } from 'prom-client';
import type { CredentialCache } from './credential-cache.js';

/**
 * Registers `lectern_auth_cache_requests_total{result=hit|miss|bypass}` (bypass: the process was
 * not hearing revocations, so the database answered) and `lectern_auth_cache_entries`.
 */
export function registerCredentialCacheMetrics(
  registry: Registry,
  credentials: Pick<CredentialCache, 'stats'>,
): void {
  new Counter({
    name: 'lectern_auth_cache_requests_total',
    help: 'Credential lookups (sessions, API keys, users) by result',
    labelNames: ['result'] as const,
    registers: [registry],
    collect() {
      this.reset();
      const stats = credentials.stats();
      for (const result of ['hit', 'miss', 'bypass'] as const) this.inc({ result }, stats[result]);
    },
  });
  new Gauge({
    name: 'lectern_auth_cache_entries',
    help: 'Credentials cached in this process',
    registers: [registry],
    collect() {
      this.set(credentials.stats().entries);
    },
  });
}
