import type { Logger } from 'pino';
import type { DatabaseHandle } from '../db/index.js';
import type { RedisClients } from '../redis/index.js';
import { createPostgresRevocations } from './postgres-revocations.js';
import { createRedisRevocations } from './redis-revocations.js';

/** What a revoking write ended or changed; every process applies it to its caches and sockets. */
export interface Revocation {
  /** Sessions that ended: their cached validity goes and their sockets close with 4401. */
  sessions?: string[];
  /** Users who may no longer sign in at all (disabled): everything of theirs goes, sockets close. */
  users?: string[];
  /**
   * Users whose rights changed (roles, an API key revoked, a course they no longer teach): what
   * is cached about them goes and their sockets drop the topics they may no longer follow.
   */
  rights?: string[];
}

/**
 * A revocation to apply, or `resync`: messages may have been missed, so drop everything cached.
 * A listener that returns a promise delays the acknowledgement until it settles.
 */
export type RevocationListener = (revocation: Revocation | 'resync') => void | Promise<void>;

export interface Revocations {
  /**
   * Applies a revocation in this process at once, then in every other one; resolves when all of
   * them confirmed it (or after `AUTH_REVOCATION_TIMEOUT_MS`). Call it after the revoking commit
   * and before answering, so that no process accepts the revoked credential once the caller
   * knows it is revoked.
   */
  publish(revocation: Revocation): Promise<void>;
  /** Called with every revocation, this process's own included. */
  listen(listener: RevocationListener): () => void;
  /**
   * Whether this process hears every revocation right now. While it does not (its subscription is
   * down, or processes cannot confirm them), cached credentials must not be trusted.
   */
  trusted(): boolean;
  close(): Promise<void>;
}

export interface RevocationOptions {
  redis?: RedisClients;
  database: Pick<DatabaseHandle, 'kind' | 'listen' | 'notify'>;
  timeoutMs: number;
  log: Pick<Logger, 'warn' | 'info'>;
}

/** The listeners of one process, called in order; a failing listener does not stop the others. */
export function createListeners(log: Pick<Logger, 'warn'>) {
  const listeners = new Set<RevocationListener>();
  return {
    add(listener: RevocationListener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    /** Calls every listener at once (caches drop synchronously), then waits for them all. */
    async emit(revocation: Revocation | 'resync'): Promise<void> {
      const pending: Promise<void>[] = [];
      for (const listener of listeners) {
        try {
          const result = listener(revocation);
          if (result) pending.push(result);
        } catch (err) {
          log.warn({ err }, 'revocation listener failed');
        }
      }
      const settled = await Promise.allSettled(pending);
      for (const outcome of settled)
        if (outcome.status === 'rejected')
          log.warn({ err: outcome.reason }, 'revocation listener failed');
    },
  };
}

/** In-process only: the embedded database serves one process, so that is all there is. */
function createLocalRevocations(log: Pick<Logger, 'warn'>): Revocations {
  const listeners = createListeners(log);
  return {
    publish: (revocation) => listeners.emit(revocation),
    listen: listeners.add,
    trusted: () => true,
    close: async () => {},
  };
}

/**
 * Redis pub/sub with acknowledgements when Redis is configured; LISTEN/NOTIFY without them (and
 * so without trusted caches) on PostgreSQL alone; in-process on PGlite.
 */
export function createRevocations(options: RevocationOptions): Revocations {
  if (options.redis) return createRedisRevocations({ ...options, redis: options.redis });
  if (options.database.kind === 'postgres')
    return createPostgresRevocations({ database: options.database, log: options.log });
  return createLocalRevocations(options.log);
}
