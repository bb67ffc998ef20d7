import { randomUUID } from 'node:crypto';
import { currentContext } from '#platform/http/request-context.js';
import type { TestApp } from './test-app.js';

/**
 * Counts the statements one request sends to the database (`send` must pass the id as
 * `X-Request-Id`): only those issued while serving that request, so background work of the app
 * does not count.
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
