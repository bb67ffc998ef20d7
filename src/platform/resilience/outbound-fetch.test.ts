import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBreakerRegistry, outboundFetch } from './index.js';

let server: Server;
let base: string;
let status = 200;
let delayMs = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    setTimeout(() => {
      res.statusCode = status;
      res.end(JSON.stringify({ status }));
    }, delayMs);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
});

const breakers = createBreakerRegistry();
afterEach(() => {
  status = 200;
  delayMs = 0;
});
afterAll(() => breakers.shutdown());

describe('outboundFetch', () => {
  it('should return the response whatever its status', async () => {
    status = 404;
    const res = await outboundFetch(`${base}/x`, {}, { timeoutMs: 1000 });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ status: 404 });
  });

  it('should fail with dependency_unavailable after the timeout', async () => {
    delayMs = 500;
    const started = Date.now();
    const error = await outboundFetch(`${base}/slow`, {}, { timeoutMs: 50 }).catch((e) => e);
    expect(Date.now() - started).toBeLessThan(400);
    expect(error).toMatchObject({
      kind: 'dependency_unavailable',
      details: [expect.objectContaining({ reason: 'timeout' })],
    });
  });

  it('should fail with dependency_unavailable when nothing listens', async () => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address() as AddressInfo;
    probe.close();
    const error = await outboundFetch(`http://127.0.0.1:${port}/`, {}, { timeoutMs: 1000 }).catch(
      (e) => e,
    );
    expect(error).toMatchObject({
      kind: 'dependency_unavailable',
      details: [expect.objectContaining({ reason: 'network' })],
    });
  });

  it('should count 5xx against the breaker and fail fast once it opens', async () => {
    const breaker = breakers.get('flaky-api', {
      timeoutMs: 1000,
      volumeThreshold: 2,
      resetTimeoutMs: 10_000,
    });
    status = 503;
    for (let i = 0; i < 2; i++) {
      const res = await outboundFetch(base, {}, { timeoutMs: 1000, breaker });
      expect(res.status).toBe(503);
    }
    expect(breaker.state().state).toBe('open');
    status = 200;
    await expect(outboundFetch(base, {}, { timeoutMs: 1000, breaker })).rejects.toMatchObject({
      kind: 'dependency_unavailable',
      details: [expect.objectContaining({ reason: 'circuit_open' })],
    });
  });

  it('should not count 4xx against the breaker', async () => {
    const breaker = breakers.get('strict-api', { timeoutMs: 1000, volumeThreshold: 2 });
    status = 400;
    for (let i = 0; i < 4; i++) await outboundFetch(base, {}, { timeoutMs: 1000, breaker });
    expect(breaker.state()).toMatchObject({ state: 'closed', successes: 4, failures: 0 });
  });
});
