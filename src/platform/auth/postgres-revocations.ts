import type { Logger } from 'pino';
import type { DatabaseHandle } from '../db/index.js';
import { createListeners, type Revocations } from './revocations.js';

export const REVOCATIONS_CHANNEL = 'lectern_auth_revocations';

/**
 * Revocations over LISTEN/NOTIFY, for PostgreSQL without Redis. NOTIFY cannot say how many
 * processes heard it, and a LISTEN connection that dropped misses what was sent meanwhile, so
 * this bus never claims to be trusted: credentials are read from the database on every request,
 * and NOTIFY only carries the closing of sockets to the other processes.
 */
export function createPostgresRevocations({
  database,
  log,
}: {
  database: Pick<DatabaseHandle, 'listen' | 'notify'>;
  log: Pick<Logger, 'warn'>;
}): Revocations {
  const listeners = createListeners(log);
  const origin = crypto.randomUUID();
  let unlisten: (() => Promise<void>) | null = null;
  const listening = database
    .listen(REVOCATIONS_CHANNEL, (payload) => {
      try {
        const message = JSON.parse(payload);
        if (message.o !== origin) void listeners.emit(message.r);
      } catch {
        log.warn('revocations: malformed NOTIFY payload; dropped');
      }
    })
    .then(
      (stop) => {
        unlisten = stop;
      },
      (err: unknown) => log.warn({ err }, 'revocations: LISTEN failed'),
    );
  return {
    async publish(revocation) {
      await listeners.emit(revocation);
      await database
        .notify(REVOCATIONS_CHANNEL, JSON.stringify({ o: origin, r: revocation }))
        .catch((err: unknown) => log.warn({ err }, 'revocations: NOTIFY failed'));
    },
    listen: listeners.add,
    trusted: () => false,
    async close() {
      await listening;
      await unlisten?.();
    },
  };
}
