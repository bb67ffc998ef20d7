import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../helpers/cluster.js';

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** A GET over a kept-alive connection, left open afterwards like a browser or a proxy would. */
const keepAliveGet = (url: string) =>
  new Promise<number>((resolve, reject) => {
    const req = httpRequest(url, { headers: { connection: 'keep-alive' } }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', reject);
    req.end();
  });

describe('graceful shutdown', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lectern-shutdown-'));
  let server: ServerProcess | undefined;
  afterAll(async () => {
    if (server?.child.exitCode === null) server.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should exit 0 on SIGTERM within SHUTDOWN_TIMEOUT_MS and stop listening', async () => {
    server = await startServerProcess('lectern', {
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      SHUTDOWN_TIMEOUT_MS: '5000',
    });
    expect(await keepAliveGet(`${server.url}/health`)).toBe(200);
    expect(await portOpen(server.port)).toBe(true);

    const started = Date.now();
    const code = await server.stop('SIGTERM');
    expect(code, server.output()).toBe(0);
    // An idle kept-alive connection must not hold the process until the timeout.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await portOpen(server.port)).toBe(false);
    expect(server.output()).not.toMatch(/"level":(50|60)/);
  }, 120_000);
});
