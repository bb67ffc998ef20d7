import pg from 'pg';
import type { Logger } from 'pino';

type Handler = (payload: string) => void;

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * One dedicated PostgreSQL connection for LISTEN (pooled connections cannot hold it). Opened on
 * first use; when it drops, it reconnects with backoff and re-issues every LISTEN.
 */
export function createPgListener(url: string, log?: Pick<Logger, 'warn' | 'info'>) {
  const handlers = new Map<string, Set<Handler>>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  let reconnectDelay = 250;

  async function connect(): Promise<pg.Client> {
    const next = new pg.Client({ connectionString: url, application_name: 'lectern-listen' });
    next.on('notification', (msg) => {
      for (const handler of handlers.get(msg.channel) ?? []) handler(msg.payload ?? '');
    });
    next.on('error', (err) => {
      log?.warn({ err }, 'LISTEN connection failed; reconnecting');
      client = null;
      scheduleReconnect();
    });
    await next.connect();
    for (const channel of handlers.keys()) await next.query(`LISTEN ${quoteIdent(channel)}`);
    reconnectDelay = 250;
    client = next;
    return next;
  }

  function scheduleReconnect(): void {
    if (closed || connecting) return;
    const delay = reconnectDelay;
    reconnectDelay = Math.min(reconnectDelay * 2, 10_000);
    setTimeout(() => {
      ensure().catch(() => scheduleReconnect());
    }, delay).unref();
  }

  function ensure(): Promise<pg.Client> {
    if (client) return Promise.resolve(client);
    connecting ??= connect().finally(() => {
      connecting = null;
    });
    return connecting;
  }

  return {
    async listen(channel: string, handler: Handler): Promise<() => Promise<void>> {
      const existing = handlers.get(channel);
      if (existing) existing.add(handler);
      else {
        handlers.set(channel, new Set([handler]));
        const c = await ensure();
        // A fresh connection already listened to every channel in `handlers`.
        await c.query(`LISTEN ${quoteIdent(channel)}`);
      }
      return async () => {
        const set = handlers.get(channel);
        set?.delete(handler);
        if (set && set.size === 0) {
          handlers.delete(channel);
          await client?.query(`UNLISTEN ${quoteIdent(channel)}`).catch(() => undefined);
        }
      };
    },
    async close(): Promise<void> {
      closed = true;
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
