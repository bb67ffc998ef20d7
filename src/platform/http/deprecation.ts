import type { FastifyInstance } from 'fastify';
import { appendOnSend } from './route-hooks.js';

export interface DeprecationOptions {
  /** When the route stops working (`Sunset`, RFC 8594). */
  sunset: Date | string;
  /** When it was deprecated; sent as an RFC 9745 date, otherwise `Deprecation: true`. */
  since?: Date | string;
  /** A page explaining the replacement (`Link: <…>; rel="deprecation"`). */
  link?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Marks the route deprecated: response headers and `deprecated: true` in OpenAPI. */
    deprecated?: DeprecationOptions;
  }
}

const toDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

/** The response headers announcing a deprecation. */
export function deprecationHeaders(options: DeprecationOptions): Record<string, string> {
  const sunset = toDate(options.sunset);
  if (Number.isNaN(sunset.getTime())) throw new Error(`invalid sunset date: ${options.sunset}`);
  const headers: Record<string, string> = {
    Deprecation: options.since ? `@${Math.floor(toDate(options.since).getTime() / 1000)}` : 'true',
    Sunset: sunset.toUTCString(),
  };
  if (options.link) headers.Link = `<${options.link}>; rel="deprecation"; type="text/html"`;
  return headers;
}

/**
 * Routes with `config.deprecated` get `deprecated: true` in the OpenAPI document and the
 * `Deprecation`/`Sunset`/`Link` headers on every response (a pagination `Link` is kept).
 */
export function installDeprecation(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const deprecated = route.config?.deprecated;
    if (!deprecated) return;
    const headers = deprecationHeaders(deprecated);
    const note = `Deprecated; removed after ${headers.Sunset}.`;
    route.schema = {
      ...route.schema,
      deprecated: true,
      description: route.schema?.description ? `${route.schema.description}\n\n${note}` : note,
    };
    const { Link: link, ...rest } = headers;
    appendOnSend(route, async (_request, reply, payload) => {
      reply.headers(rest);
      if (link) {
        const existing = reply.getHeader('link');
        reply.header('Link', existing ? `${existing}, ${link}` : link);
      }
      return payload;
    });
  });
}
