import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify from 'fastify';

/** Headers of a bare Fastify reply, which are not helmet's to send. */
const FASTIFY_OWN = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);

/**
 * The headers `@fastify/helmet` sends with `options`, worked out once by asking it on a throwaway
 * instance. Registered on the app it rebuilds helmet's middleware, CSP parsing included, on every
 * request; without CSP nonces the headers never depend on the request, so one set serves all.
 */
export async function securityHeaders(
  options: FastifyHelmetOptions,
): Promise<Record<string, string>> {
  const probe = Fastify({ logger: false });
  await probe.register(helmet, options);
  probe.get('/', async () => '');
  const res = await probe.inject({ method: 'GET', url: '/' });
  await probe.close();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers))
    if (!FASTIFY_OWN.has(name) && value !== undefined) headers[name] = String(value);
  return headers;
}
