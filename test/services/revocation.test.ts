import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Cluster,
  callServer as call,
  servicesEnabled as enabled,
  type ServerProcess,
  startCluster,
} from '../helpers/cluster.js';
import { openSocket } from '../realtime/ws-client.js';

/**
 * Three real processes over one PostgreSQL and one Redis (`npm run test:services`): a credential
 * revoked through one of them is refused by all three from the moment the revoking call
 * answers, although each had it in its cache, and their sockets follow.
 */
/** This process's credential cache hits so far, from its /metrics. */
async function cacheHits(server: ServerProcess): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return Number(/lectern_auth_cache_requests_total\{result="hit"\} (\d+)/.exec(text)?.[1] ?? 0);
}

describe.skipIf(!enabled)('revocations across three processes over PostgreSQL and Redis', () => {
  let cluster: Cluster | undefined;
  const admin = { email: 'ops@revoke.example.org', password: 'revoke-Pa55word!' };
  let servers: ServerProcess[] = [];
  let adminToken = '';

  beforeAll(async () => {
    cluster = await startCluster({
      name: 'revoke',
      admin,
      env: {
        RATE_LIMIT_ANON: '100000',
        RATE_LIMIT_AUTH: '100000',
        // Long enough that only the revocation, never the safety TTL, can explain a refusal.
        AUTH_CACHE_TTL_SECONDS: '600',
      },
    });
    servers = cluster.servers;
    adminToken = cluster.adminToken;
  }, 180_000);

  afterAll(async () => cluster?.close(), 60_000);

  /** A new learner signed in (through A), with one session. */
  async function newUser(roles?: string[]) {
    const email = `user-${randomUUID().slice(0, 8)}@revoke.example.org`;
    const password = 'a-long-Learner-passw0rd';
    const signup = await call(servers[0]!, '/api/v1/auth/signup', {
      method: 'POST',
      body: JSON.stringify({ email, password, name: 'Lee Learner' }),
    });
    expect(signup.status).toBe(201);
    const id: string = signup.body.data.id;
    if (roles) {
      const res = await call(servers[0]!, `/api/v1/users/${id}/roles`, {
        method: 'PUT',
        token: adminToken,
        body: JSON.stringify({ roles }),
      });
      expect(res.status).toBe(200);
    }
    const login = await call(servers[0]!, '/api/v1/auth/login', {
      method: 'POST',
      body: JSON.stringify({ email, password }),
    });
    return { id, token: login.body.data.accessToken as string };
  }

  /** Reads /auth/me twice on every process, so that each has the credential cached. */
  async function warm(credential: { token?: string; apiKey?: string }) {
    for (const server of servers) {
      const before = await cacheHits(server);
      for (let i = 0; i < 2; i++)
        expect((await call(server, '/api/v1/auth/me', credential)).status).toBe(200);
      expect(await cacheHits(server)).toBeGreaterThan(before);
    }
  }

  const meEverywhere = (credential: { token?: string; apiKey?: string }) =>
    Promise.all(servers.map((s) => call(s, '/api/v1/auth/me', credential)));

  it('should refuse a revoked session on every process as soon as the revoke answers', async () => {
    const [a, b, c] = servers;
    const user = await newUser();
    await warm({ token: user.token });
    const sid = (await call(b!, '/api/v1/auth/me', { token: user.token })).body.data.credential
      .sessionId;
    const revoked = await call(a!, `/api/v1/auth/sessions/${sid}`, {
      method: 'DELETE',
      token: user.token,
    });
    expect(revoked.status).toBe(204);
    const [onB, onC] = await Promise.all(
      [b!, c!].map((s) => call(s, '/api/v1/auth/me', { token: user.token })),
    );
    expect([onB.status, onB.body.error.code]).toEqual([401, 'SESSION_REVOKED']);
    expect([onC.status, onC.body.error.code]).toEqual([401, 'SESSION_REVOKED']);
  });

  it('should refuse a disabled user’s session and API key on every process at once', async () => {
    const user = await newUser(['instructor']);
    const created = await call(servers[1]!, '/api/v1/api-keys', {
      method: 'POST',
      token: user.token,
      body: JSON.stringify({ name: 'ci', scopes: ['courses:read'] }),
    });
    expect(created.status).toBe(201);
    const apiKey: string = created.body.data.key;
    await warm({ token: user.token });
    await warm({ apiKey });
    const disabled = await call(servers[2]!, `/api/v1/users/${user.id}/disable`, {
      method: 'POST',
      token: adminToken,
    });
    expect(disabled.status).toBe(200);
    const bySession = await meEverywhere({ token: user.token });
    const byKey = await meEverywhere({ apiKey });
    expect(bySession.map((r) => r.status)).toEqual([401, 401, 401]);
    expect(byKey.map((r) => r.status)).toEqual([401, 401, 401]);
  });

  it('should refuse a revoked API key on every process at once', async () => {
    const user = await newUser(['instructor']);
    const created = await call(servers[0]!, '/api/v1/api-keys', {
      method: 'POST',
      token: user.token,
      body: JSON.stringify({ name: 'ci', scopes: ['courses:read'] }),
    });
    const { key: apiKey, id } = created.body.data;
    await warm({ apiKey });
    const revoked = await call(servers[1]!, `/api/v1/api-keys/${id}`, {
      method: 'DELETE',
      token: user.token,
    });
    expect(revoked.status).toBe(204);
    const after = await meEverywhere({ apiKey });
    expect(after.map((r) => [r.status, r.body.error?.code])).toEqual([
      [401, 'INVALID_API_KEY'],
      [401, 'INVALID_API_KEY'],
      [401, 'INVALID_API_KEY'],
    ]);
  });

  it('should close sockets on the other processes with 4401 before logout answers', async () => {
    const [a, b, c] = servers;
    const user = await newUser();
    const sockets = await Promise.all(
      [b!, c!].map((s) => openSocket(`${s.url.replace('http', 'ws')}/ws?token=${user.token}`)),
    );
    for (const socket of sockets) await socket.next((m) => m.type === 'authenticated', 5000);
    const out = await call(a!, '/api/v1/auth/logout', { method: 'POST', token: user.token });
    expect(out.status).toBe(204);
    const answeredAt = Date.now();
    // B and C closed them before acknowledging; the close frames are only in flight.
    for (const socket of sockets) {
      expect((await socket.closed).code).toBe(4401);
      expect(Date.now() - answeredAt).toBeLessThan(1000);
    }
  });

  it('should drop a topic on another process when a role change takes the right away', async () => {
    const user = await newUser(['staff']);
    const socket = await openSocket(
      `${servers[1]!.url.replace('http', 'ws')}/ws?token=${user.token}`,
    );
    try {
      await socket.next((m) => m.type === 'authenticated', 5000);
      socket.send({ type: 'subscribe', topic: 'users' });
      await socket.next((m) => m.type === 'subscribed', 5000);
      const res = await call(servers[2]!, `/api/v1/users/${user.id}/roles`, {
        method: 'PUT',
        token: adminToken,
        body: JSON.stringify({ roles: ['learner'] }),
      });
      expect(res.status).toBe(200);
      expect(await socket.next((m) => m.type === 'unsubscribed', 1000)).toEqual({
        type: 'unsubscribed',
        topic: 'users',
        reason: 'forbidden',
      });
    } finally {
      await socket.close();
    }
  });
});

describe.skipIf(!enabled)('revocations across two processes over PostgreSQL alone', () => {
  let cluster: Cluster | undefined;
  let servers: ServerProcess[] = [];

  beforeAll(async () => {
    // No REDIS_URL: revocations travel over LISTEN/NOTIFY, and credentials are not cached.
    cluster = await startCluster({
      name: 'revoke_pg',
      redis: false,
      names: ['PG-A', 'PG-B'],
      env: { RATE_LIMIT_ANON: '100000', RATE_LIMIT_AUTH: '100000' },
    });
    servers = cluster.servers;
  }, 180_000);

  afterAll(async () => cluster?.close(), 60_000);

  it('should refuse the session on the other process and close its socket there', async () => {
    const [a, b] = servers;
    const credentials = {
      email: `pg-${randomUUID().slice(0, 8)}@revoke.example.org`,
      password: 'a-long-Learner-passw0rd',
    };
    const signup = await call(a!, '/api/v1/auth/signup', {
      method: 'POST',
      body: JSON.stringify({ ...credentials, name: 'Pat Postgres' }),
    });
    expect(signup.status).toBe(201);
    const login = await call(a!, '/api/v1/auth/login', {
      method: 'POST',
      body: JSON.stringify(credentials),
    });
    const token: string = login.body.data.accessToken;
    expect((await call(b!, '/api/v1/auth/me', { token })).status).toBe(200);
    const socket = await openSocket(`${b!.url.replace('http', 'ws')}/ws?token=${token}`);
    await socket.next((m) => m.type === 'authenticated', 5000);
    expect((await call(a!, '/api/v1/auth/logout', { method: 'POST', token })).status).toBe(204);
    expect((await call(b!, '/api/v1/auth/me', { token })).status).toBe(401);
    expect((await socket.closed).code).toBe(4401);
  });
});
