import type { onSendHookHandler, RouteOptions } from 'fastify';

/**
 * Adds an onSend hook to one route from an onRoute hook, so that a convention only a few routes
 * use (ETag, deprecation) costs nothing on the others. A new array: Fastify's implicit HEAD route
 * copies the GET's options and gets its own onRoute call.
 */
export function appendOnSend(route: RouteOptions, hook: onSendHookHandler): void {
  const existing = route.onSend;
  route.onSend =
    existing === undefined
      ? [hook]
      : Array.isArray(existing)
        ? [...existing, hook]
        : [existing, hook];
}
