import type { TestUser } from './factories.js';
import type { TestApp } from './test-app.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Requests to `/api/v1` through `inject`, as a user (or anonymously), with extra headers when
 * needed. `t` is read at call time, so the client may be made before the app is built.
 */
export function apiClient(t: TestApp) {
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
    send,
    get: (url: string, user?: TestUser, headers?: Record<string, string>) =>
      send('GET', url, user, undefined, headers),
    post: (url: string, user?: TestUser, payload?: unknown, headers?: Record<string, string>) =>
      send('POST', url, user, payload ?? {}, headers),
    patch: (url: string, user?: TestUser, payload?: unknown, headers?: Record<string, string>) =>
      send('PATCH', url, user, payload, headers),
    del: (url: string, user?: TestUser) => send('DELETE', url, user),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;
