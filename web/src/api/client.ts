import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** The access token lives in memory only: never in storage a script injected into the page could read. */
let accessToken: string | undefined;

export function setAccessToken(token: string | undefined): void {
  accessToken = token;
}

const bearer: Middleware = {
  onRequest({ request }) {
    if (accessToken) request.headers.set('Authorization', `Bearer ${accessToken}`);
    return request;
  },
};

/** The typed client of Lectern's API: paths, queries and bodies are checked against the OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '/' });
api.use(bearer);

/** The message of an error envelope, or a generic one when the body is not an envelope. */
export function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'error' in error) {
    const inner = (error as { error: { message?: unknown } }).error;
    if (typeof inner.message === 'string') return inner.message;
  }
  return 'The request failed';
}
