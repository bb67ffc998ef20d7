import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook } from './post-webhook.js';

describe('postWebhook', () => {
  let server: Server;
  let base: string;
  const received: Array<{ headers: Record<string, unknown>; body: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        if (req.url === '/slow') return; // never answers
        res.statusCode = req.url === '/fail' ? 500 : 204;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const allowLocal = { allowHosts: ['127.0.0.1'] };

  it('should post the body with the given headers and report a 2xx as success', async () => {
    const result = await postWebhook(
      `${base}/ok`,
      '{"a":1}',
      { 'lectern-event-id': 'e1' },
      { timeoutMs: 2000, policy: allowLocal },
    );
    expect(result).toMatchObject({ statusCode: 204, error: null });
    expect(received.at(-1)).toMatchObject({
      body: '{"a":1}',
      headers: { 'lectern-event-id': 'e1', 'content-type': 'application/json' },
    });
  });

  it('should report non-2xx and timeouts as errors without throwing', async () => {
    expect(
      await postWebhook(`${base}/fail`, '{}', {}, { timeoutMs: 2000, policy: allowLocal }),
    ).toMatchObject({
      statusCode: 500,
      error: 'HTTP 500',
    });
    const slow = await postWebhook(
      `${base}/slow`,
      '{}',
      {},
      { timeoutMs: 200, policy: allowLocal },
    );
    expect(slow).toMatchObject({ statusCode: null, error: 'timed out after 200 ms' });
  });

  it('should refuse a private address at connect time unless allowed', async () => {
    const local = base.replace('127.0.0.1', 'localhost');
    const result = await postWebhook(
      `${local}/ok`,
      '{}',
      {},
      { timeoutMs: 2000, policy: { allowHosts: [] } },
    );
    expect(result.statusCode).toBeNull();
    // Stored on the delivery and shown to admins: the name, never the address it resolved to.
    expect(result.error).toBe('localhost resolves to a private or reserved address');
  });
});
