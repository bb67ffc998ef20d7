import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../helpers/cluster.js';

/** A real process with OTEL_EXPORTER_OTLP_ENDPOINT sends its spans to a local OTLP receiver. */
describe('OpenTelemetry export', () => {
  let collector: Server;
  let server: ServerProcess;
  const dataDir = mkdtempSync(join(tmpdir(), 'lectern-otel-'));
  const batches: Array<{ path: string; contentType: string; body: Buffer }> = [];

  beforeAll(async () => {
    collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        batches.push({
          path: req.url ?? '',
          contentType: String(req.headers['content-type']),
          body: Buffer.concat(chunks),
        });
        res.statusCode = 200;
        res.setHeader('content-type', 'application/x-protobuf');
        res.end();
      });
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
    server = await startServerProcess('traced', {
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      REDIS_URL: '',
      SEED_DEMO: 'false',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
      OTEL_SERVICE_NAME: 'lectern-trace-test',
    });
  }, 90_000);

  afterAll(async () => {
    await server?.stop('SIGTERM');
    collector.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should export spans of HTTP requests over OTLP/HTTP, flushed at shutdown', async () => {
    const res = await fetch(`${server.url}/api/v1/users`);
    expect(res.status).toBe(401);
    expect(await server.stop('SIGTERM')).toBe(0);
    const traces = batches.filter((b) => b.path === '/v1/traces');
    expect(traces.length).toBeGreaterThan(0);
    expect(traces[0]!.contentType).toBe('application/x-protobuf');
    const all = Buffer.concat(traces.map((b) => b.body)).toString('latin1');
    expect(all).toContain('lectern-trace-test');
    expect(all).toContain('/api/v1/users');
  }, 60_000);
});
