import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    await order('k-2', { item: 'pen' });
    const res = await order('k-2', { item: 'ink' });
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

  it('should leave POSTs without the header alone', async () => {
    const before = routes.created();
    await t.app.inject({ method: 'POST', url: '/test/orders', payload: { item: 'pen' } });
    await t.app.inject({ method: 'POST', url: '/test/orders', payload: { item: 'pen' } });
    expect(routes.created()).toBe(before + 2);
  });
});
