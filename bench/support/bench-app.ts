// Lectern started in-process on a loopback port for a benchmark, with one signed-in user.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BenchApp {
  app: Awaited<ReturnType<typeof import('../../src/app.js').buildApp>>;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Which database and cache the run measures, for the printout. */
  backend: string;
  user: { id: string; accessToken: string };
  close(): Promise<void>;
}

export async function startBenchApp(
  label: string,
  env: Record<string, string> = {},
): Promise<BenchApp> {
  const { buildApp } = await import('../../src/app.js');
  const { loadConfig } = await import('#platform/config/index.js');
  const dataDir = mkdtempSync(join(tmpdir(), `lectern-bench-${label}-`));
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    // One user from one address at full speed: the budgets must not be what is measured.
    RATE_LIMIT_ANON: '1000000',
    RATE_LIMIT_AUTH: '1000000',
    UNDER_PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
    // With DATABASE_URL (and REDIS_URL) set, measure on PostgreSQL (and Redis) instead of PGlite.
    ...(process.env.DATABASE_URL
      ? { DATABASE_URL: process.env.DATABASE_URL, JWT_SECRET: randomBytes(32).toString('hex') }
      : {}),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    ...env,
  });
  const app = await buildApp({ config });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const credentials = { email: `bench-${Date.now()}@example.org`, password: 'bench-password-1234' };
  await post(`${origin}/api/v1/auth/signup`, { ...credentials, name: 'Bench' });
  const login = (await post(`${origin}/api/v1/auth/login`, credentials)) as {
    data: { accessToken: string; user: { id: string } };
  };
  return {
    app,
    origin,
    backend: `${config.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}${config.REDIS_URL ? ' + Redis' : ''}`,
    user: { id: login.data.user.id, accessToken: login.data.accessToken },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function post(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}
