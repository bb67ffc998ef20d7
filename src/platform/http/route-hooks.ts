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

type RouteHookName = 'preHandler' | 'onSend' | 'onResponse' | 'onRequestAbort';
type RouteHook<K extends RouteHookName> = Exclude<NonNullable<RouteOptions[K]>, readonly unknown[]>;

/**
 * Puts a hook first among one route's hooks of that kind, where an application-wide hook would
 * run (before the route's own and before those other onRoute hooks append, such as rate limits
 * and compression), for a convention only some routes need.
 */
export function prependRouteHook<K extends RouteHookName>(
  route: RouteOptions,
  name: K,
  hook: RouteHook<K>,
): void {
  const existing = route[name] as RouteHook<K> | RouteHook<K>[] | undefined;
  const rest = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
  (route as Record<RouteHookName, unknown>)[name] = [hook, ...rest];
}
