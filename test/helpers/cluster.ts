import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  /** stdout + stderr so far, for failure messages. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts `src/main.ts` as a real process on a free loopback port and waits for `/ready`. */
export async function startServerProcess(
  name: string,
  env: Record<string, string>,
  readyTimeoutMs = 60_000,
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/ready`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} was not ready within ${readyTimeoutMs} ms:\n${output}`);
    }
    await sleep(200);
  }
  return {
    name,
    port,
    url,
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
export type Json = { [key: string]: any };

/** A JSON request to one process, with an optional bearer token or API key. */
export async function callServer(
  server: ServerProcess,
  path: string,
  init: RequestInit & { token?: string; apiKey?: string } = {},
) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (init.apiKey) headers.set('x-api-key', init.apiKey);
  if (init.body) headers.set('content-type', 'application/json');
  const res = await fetch(`${server.url}${path}`, { ...init, headers });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: (text ? JSON.parse(text) : null) as Json,
  };
}

/** Whether the multi-process suites can run: `npm run test:services` with both servers. */
export const servicesEnabled =
  process.env.LECTERN_TEST_SERVICES === '1' &&
  !!process.env.DATABASE_URL &&
  !!process.env.REDIS_URL;

export interface Cluster {
  servers: ServerProcess[];
  /** The first admin's access token (signed in through the first process). */
  adminToken: string;
  /** Stops every process and drops the cluster's database. */
  close(): Promise<void>;
}

/**
 * Three (or `size`) real processes over a fresh database on `DATABASE_URL` and a key prefix of
 * their own on `REDIS_URL`, so other test files sharing the servers cannot disturb them. The
 * first migrates alone (the others would wait on the advisory lock anyway), the rest start in
 * parallel; the admin then signs in through the first.
 */
export async function startCluster(options: {
  name: string;
  /** The first admin; without one nobody signs in and `adminToken` is empty. */
  admin?: { email: string; password: string };
  env: Record<string, string>;
  size?: number;
  /** false: no REDIS_URL, the processes share only PostgreSQL. */
  redis?: boolean;
  /** Names of the processes in failure messages (default A, B, C, …). */
  names?: string[];
}): Promise<Cluster> {
  const baseUrl = process.env.DATABASE_URL!;
  const dbName = `lectern_${options.name}_${randomUUID().replaceAll('-', '')}`;
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${dbName}`);
  await client.end();
  const url = new URL(baseUrl);
  url.pathname = `/${dbName}`;
  const env: Record<string, string> = {
    DATABASE_URL: url.toString(),
    JWT_SECRET: randomBytes(32).toString('hex'),
    SEED_DEMO: 'false',
    SHUTDOWN_TIMEOUT_MS: '3000',
    ...(options.redis === false
      ? {}
      : { REDIS_URL: process.env.REDIS_URL!, REDIS_KEY_PREFIX: `${dbName}:` }),
    ...(options.admin
      ? { ADMIN_EMAIL: options.admin.email, ADMIN_PASSWORD: options.admin.password }
      : {}),
    ...options.env,
  };
  const names = options.names ?? 'ABCDEFGH'.slice(0, options.size ?? 3).split('');
  const first = await startServerProcess(names[0]!, env);
  const servers = [
    first,
    ...(await Promise.all(names.slice(1).map((name) => startServerProcess(name, env)))),
  ];
  let adminToken = '';
  if (options.admin) {
    const login = await callServer(first, '/api/v1/auth/login', {
      method: 'POST',
      body: JSON.stringify(options.admin),
    });
    if (login.status !== 200) throw new Error(`admin login answered ${login.status}`);
    adminToken = login.body.data.accessToken;
  }
  return {
    servers,
    adminToken,
    async close() {
      await Promise.all(servers.map((s) => s.stop('SIGTERM')));
      const admin = new pg.Client({ connectionString: baseUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    },
  };
}
