import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

/** Where `npm run build:web` writes the dashboard. */
export const DEFAULT_WEB_ROOT = join(import.meta.dirname, '../../../web/dist');

/** Paths the dashboard never answers: an unknown URL under them is the API's 404, not a page. */
const SERVER_PREFIXES = [
  '/api',
  '/docs',
  '/ws',
  '/xapi',
  '/vo',
  '/calendars',
  '/health',
  '/ready',
  '/metrics',
  '/openapi.json',
  '/assets',
];

export function isServerPath(url: string): boolean {
  const path = url.split('?')[0];
  return SERVER_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/** The dashboard's top-level client routes (web/src/app/App.tsx), each answered with index.html. */
export const CLIENT_AREAS = ['sign-in', 'courses', 'my-courses', 'teach', 'admin', 'account'];

export interface WebAppOptions {
  /** The built app (index.html and assets/); without it `/` redirects to the API docs. */
  root?: string;
}

/**
 * Serves the dashboard at `/`: hashed files under /assets are cached for a year, index.html is
 * revalidated on every load, and any other GET of a page (client routes) answers index.html.
 */
async function webApp(app: FastifyInstance, { root = DEFAULT_WEB_ROOT }: WebAppOptions) {
  if (!existsSync(join(root, 'index.html'))) {
    app.log.info({ root }, 'dashboard not built (npm run build:web): / redirects to /docs/');
    app.get('/', { schema: { hide: true }, config: { public: true } }, async (_request, reply) =>
      reply.redirect('/docs/'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root,
    // One route per built file, found at start: no wildcard that could shadow another route.
    wildcard: false,
    index: ['index.html'],
    cacheControl: false,
    // @fastify/static 10 passes the Fastify reply here.
    setHeaders: (reply: { header(name: string, value: string): unknown }, path: string) => {
      reply.header(
        'Cache-Control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  // The client's areas, named: a wildcard at / would take over the router's own 400s and 404s.
  const page = async (_request: unknown, reply: FastifyReply) => {
    reply.header('Cache-Control', 'no-cache');
    return reply.sendFile('index.html');
  };
  for (const area of CLIENT_AREAS)
    for (const url of [`/${area}`, `/${area}/*`])
      app.get(url, { schema: { hide: true }, config: { public: true } }, page);
}

export const webAppPlugin = fp(webApp, { name: 'lectern-web-app', fastify: '5.x' });
