// A bare Fastify hello-world on a loopback port: what the Lectern figures are compared with.
import Fastify from 'fastify';

export async function startBaselineServer() {
  const baseline = Fastify({ logger: false });
  baseline.get('/', async () => ({ hello: 'world' }));
  await baseline.listen({ host: '127.0.0.1', port: 0 });
  return {
    origin: `http://127.0.0.1:${(baseline.server.address() as { port: number }).port}`,
    close: () => baseline.close(),
  };
}
