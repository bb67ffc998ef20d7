import { setTimeout as sleep } from 'node:timers/promises';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, expectError } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { conventionRoutes } from './test-routes.js';

describe('Idempotency-Key', () => {
  let t: TestApp;
  let routes: ReturnType<typeof conventionRoutes>;
  beforeAll(async () => {
    t = await buildTestApp(
      {},
      {
        routes: (app) => {
          routes = conventionRoutes(app);
        },
      },
    );
  });
  afterAll(() => t.close());

  const order = (key: string, body: object, user?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/test/orders',
      headers: { 'idempotency-key': key, ...(user ? { 'x-test-user': user } : {}) },
      payload: body,
    });

  it('should run the first request once and replay its status, body and Location', async () => {
    const before = routes.created();
    const first = await order('k-1', { item: 'pen', quantity: 2 });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    const second = await order('k-1', { quantity: 2, item: 'pen' });
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.headers.location).toBe(first.headers.location);
    expect(second.json()).toEqual(first.json());
    expect(routes.created()).toBe(before + 1);
  });

  it('should answer 409 IDEMPOTENCY_KEY_REUSED when the key comes with another body', async () => {
    await order('k-2', { item: 'pen' }, 'user-k2');
    const res = await order('k-2', { item: 'ink' }, 'user-k2');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('should scope keys by caller', async () => {
    const before = routes.created();
    await order('shared', { item: 'pen' }, 'user-a');
    const b = await order('shared', { item: 'pen' }, 'user-b');
    const anonymous = await order('shared', { item: 'pen' });
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(anonymous.headers['idempotent-replayed']).toBeUndefined();
    expect(routes.created()).toBe(before + 3);
  });

  it('should not replay one anonymous client’s response to another behind the same address', async () => {
    const before = routes.created();
    const first = await order('nat-1', { item: 'pen' });
    const neighbour = await order('nat-1', { item: 'ink' });
    expect(neighbour.statusCode).toBe(201);
    expect(neighbour.headers['idempotent-replayed']).toBeUndefined();
    expect(neighbour.json().data.name).toBe('ink');
    expect(routes.created()).toBe(before + 2);
    // The very same request from the same address is still a retry, and is replayed.
    const retry = await order('nat-1', { item: 'pen' });
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(routes.created()).toBe(before + 2);
  });

  it('should answer 400 BODY_TOO_DEEP, not 500, to a deeply nested body, and keep serving', async () => {
    const user = await createUserAndLogin(t);
    const depth = 100_000;
    // Logout takes no body schema, so the nesting reaches the idempotency layer unvalidated.
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { ...user.auth, 'idempotency-key': 'deep-1', 'content-type': 'application/json' },
      payload: `${'['.repeat(depth)}${']'.repeat(depth)}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'BODY_TOO_DEEP',
      details: [{ path: '/body' }],
    });
    const nested = (levels: number): unknown => (levels === 0 ? 'pen' : [nested(levels - 1)]);
    const [row] = await t.database.query<{ n: number }>(
      "select count(*)::int as n from idempotency_keys where key = 'deep-1'",
    );
    expect(row.n).toBe(0);
    expect((await order('deep-2', { item: 'pen', extra: nested(65) })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    // Refused before the handler ran: the session is still live.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: user.auth }))
        .statusCode,
    ).toBe(200);
  });

  it('should answer 409 IDEMPOTENCY_IN_PROGRESS to a duplicate of a request still running', async () => {
    const first = t.app.inject({
      method: 'POST',
      url: '/test/slow',
      headers: { 'idempotency-key': 'slow-1' },
    });
    while (!routes.slowStarted()) await sleep(5);
    const duplicate = await t.app.inject({
      method: 'POST',
      url: '/test/slow',
      headers: { 'idempotency-key': 'slow-1' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    routes.releaseSlow();
    expect((await first).statusCode).toBe(201);
    const replay = await t.app.inject({
      method: 'POST',
      url: '/test/slow',
      headers: { 'idempotency-key': 'slow-1' },
    });
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });

  it('should not keep a 5xx, so a retry runs again', async () => {
    const send = () =>
      t.app.inject({ method: 'POST', url: '/test/flaky', headers: { 'idempotency-key': 'f-1' } });
    expect((await send()).statusCode).toBe(500);
    const retry = await send();
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
  });

  it('should keep and replay a 4xx', async () => {
    const invalid = await order('bad-1', { quantity: 1 });
    expect(invalid.statusCode).toBe(400);
    // Validation runs first: an invalid request never claims the key.
    const valid = await order('bad-1', { item: 'pen' });
    expect(valid.statusCode).toBe(201);
  });

  it('should reject a key longer than 255 characters', async () => {
    const res = await order('x'.repeat(256), { item: 'pen' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_IDEMPOTENCY_KEY');
  });

  it('should hook only POST routes: GETs run none of its hooks', async () => {
    const hooks = (method: string) =>
      t.app.printRoutes({ method, includeHooks: true, commonPrefix: false });
    expect(hooks('POST')).toContain('claimOrReplay');
    expect(hooks('GET')).not.toContain('claimOrReplay');
    const res = await t.app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'idempotency-key': 'k-get' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
  });

  it('should leave POSTs without the header alone', async () => {
    const before = routes.created();
    await t.app.inject({ method: 'POST', url: '/test/orders', payload: { item: 'pen' } });
    await t.app.inject({ method: 'POST', url: '/test/orders', payload: { item: 'pen' } });
    expect(routes.created()).toBe(before + 2);
  });
});

describe('Idempotency-Key on responses that carry a secret', () => {
  let t: TestApp;
  let routes: ReturnType<typeof conventionRoutes>;
  beforeAll(async () => {
    t = await buildTestApp(
      { WEBHOOK_ALLOW_HOSTS: '127.0.0.1' },
      {
        routes: (app) => {
          routes = conventionRoutes(app);
        },
      },
    );
  });
  afterAll(() => t.close());

  const storedBodies = async () =>
    (
      await t.database.query<{ body: unknown }>(
        'select response_body::text as body from idempotency_keys',
      )
    )
      .map((r) => String(r.body))
      .join('\n');

  it('should create an API key once and never show its secret again (409 NOT_REPLAYABLE)', async () => {
    const user = await createUserAndLogin(t, ['staff']);
    const create = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        headers: { ...user.auth, 'idempotency-key': 'key-1' },
        payload: { name: 'sync', scopes: ['courses:read'] },
      });
    const first = await create();
    expect(first.statusCode).toBe(201);
    const secret = first.json().data.key;
    const retry = await create();
    expectError(retry, 409, 'IDEMPOTENCY_KEY_NOT_REPLAYABLE');
    expect(retry.json().error.message).toMatch(/in use, not replayable/);
    expect(retry.body).not.toContain(secret);
    expect(await storedBodies()).not.toContain(secret);
    const [row] = await t.database.query<{ n: number }>(
      'select count(*)::int as n from api_keys where owner_id = $1',
      [user.id],
    );
    expect(row.n).toBe(1);
  });

  it('should never replay a refresh, and still detect refresh-token reuse', async () => {
    const user = await createUserAndLogin(t);
    const refresh = (key: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/refresh',
        headers: { 'idempotency-key': key },
        payload: { refreshToken: user.refreshToken },
      });
    const first = await refresh('r-1');
    expect(first.statusCode).toBe(200);
    const pair = first.json().data;
    const retry = await refresh('r-1');
    expectError(retry, 409, 'IDEMPOTENCY_KEY_NOT_REPLAYABLE');
    expect(retry.body).not.toContain(pair.refreshToken);
    expect(retry.body).not.toContain(pair.accessToken);
    const stored = await storedBodies();
    expect(stored).not.toContain(pair.refreshToken);
    expect(stored).not.toContain(pair.accessToken);
    // The old token presented again under another key is a reuse: the session ends.
    expectError(await refresh('r-2'), 401, 'REFRESH_TOKEN_REUSED');
    expectError(
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { authorization: `Bearer ${pair.accessToken}` },
      }),
      401,
      'SESSION_REVOKED',
    );
  });

  it('should not replay a sign-in’s tokens', async () => {
    const user = await createUserAndLogin(t);
    const signIn = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'idempotency-key': 'login-1' },
        payload: { email: user.email, password: user.password },
      });
    const first = await signIn();
    expect(first.statusCode).toBe(200);
    const retry = await signIn();
    expectError(retry, 409, 'IDEMPOTENCY_KEY_NOT_REPLAYABLE');
    expect(retry.body).not.toContain(first.json().data.refreshToken);
  });

  it('should not show a webhook’s signing secret twice', async () => {
    const admin = await createUserAndLogin(t, ['admin']);
    const register = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        headers: { ...admin.auth, 'idempotency-key': 'hook-1' },
        payload: { url: 'http://127.0.0.1:9/hook', eventTypes: ['course.*'] },
      });
    const first = await register();
    expect(first.statusCode).toBe(201);
    const retry = await register();
    expectError(retry, 409, 'IDEMPOTENCY_KEY_NOT_REPLAYABLE');
    expect(retry.body).not.toContain(first.json().data.secret);
  });

  it('should refuse to start with a POST that answers a secret and says nothing about it', async () => {
    let refused: unknown;
    const other = await buildTestApp(
      {},
      {
        routes: (app) => {
          try {
            app.post(
              '/test/leaky',
              { schema: { response: { 201: Type.Object({ token: Type.String() }) } } },
              async () => ({ token: 'x' }),
            );
          } catch (err) {
            refused = err;
          }
        },
      },
    );
    await other.close();
    expect(String(refused)).toMatch(
      /POST \/test\/leaky answers with "token": declare config.idempotency/,
    );
  });

  it('should answer NOT_REPLAYABLE to a duplicate while the first is still running', async () => {
    const send = () =>
      t.app.inject({ method: 'POST', url: '/test/secret', headers: { 'idempotency-key': 's-1' } });
    const first = send();
    while (!routes.secretStarted()) await sleep(5);
    expectError(await send(), 409, 'IDEMPOTENCY_KEY_NOT_REPLAYABLE');
    routes.releaseSecret();
    expect((await first).statusCode).toBe(201);
    expectError(await send(), 409, 'IDEMPOTENCY_KEY_NOT_REPLAYABLE');
  });
});
