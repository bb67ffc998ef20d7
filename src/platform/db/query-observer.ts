import type { Logger } from 'drizzle-orm';

/** Called with every statement Drizzle sends, in the async context of the code that sent it. */
export type QueryListener = (query: string, params: unknown[]) => void;

/**
 * Lets tests watch the statements a request issues (e.g. to prove a read runs a constant number
 * of queries, whatever the data). Costs one empty-set check per query when nobody listens.
 */
export function createQueryObservers() {
  const listeners = new Set<QueryListener>();
  const logger: Logger = {
    logQuery(query, params) {
      for (const listener of listeners) listener(query, params);
    },
  };
  const observe = (listener: QueryListener): (() => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  return { logger, observe };
}
