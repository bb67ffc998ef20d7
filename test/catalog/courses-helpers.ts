import { randomUUID } from 'node:crypto';
import { currentContext } from '../../src/platform/http/request-context.js';
import type { TestUser } from '../helpers/factories.js';
import type { TestApp } from '../helpers/test-app.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Requests to the catalog API as a user (or anonymously), with extra headers when needed. */
export function catalogClient(t: TestApp) {
  const send = (
    method: Method,
    url: string,
    user?: TestUser,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { ...(user?.auth ?? {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  return {
    get: (url: string, user?: TestUser, headers?: Record<string, string>) =>
      send('GET', url, user, undefined, headers),
    post: (url: string, user?: TestUser, payload?: unknown, headers?: Record<string, string>) =>
      send('POST', url, user, payload ?? {}, headers),
    patch: (url: string, user?: TestUser, payload?: unknown, headers?: Record<string, string>) =>
      send('PATCH', url, user, payload, headers),
    del: (url: string, user?: TestUser) => send('DELETE', url, user),
  };
}

/**
 * Counts the statements one request sends to the database: only those issued while serving that
 * request (matched by its request id), so background work of the app does not count.
 */
export async function countQueries<R>(t: TestApp, send: (requestId: string) => Promise<R>) {
  const requestId = `count-${randomUUID()}`;
  const seen: string[] = [];
  const stop = t.database.observeQueries((query) => {
    if (currentContext()?.requestId === requestId) seen.push(query);
  });
  try {
    const response = await send(requestId);
    return { response, queries: seen.length, statements: seen };
  } finally {
    stop();
  }
}

export const ids = (res: { json(): unknown }) =>
  (res.json() as { data: Array<{ id: string }> }).data.map((c) => c.id);
