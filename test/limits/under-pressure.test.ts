import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { conventionRoutes } from '../http/test-routes.js';

describe('load shedding', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A 1-byte heap limit: the process is over it from the first sample on.
    t = await buildTestApp(
      { UNDER_PRESSURE_MAX_HEAP_BYTES: '1', UNDER_PRESSURE_RETRY_AFTER: '7' },
      { routes: conventionRoutes },
    );
    await sleep(1200);
  });
  afterAll(() => t.close());

  it('should answer 503 SERVER_OVERLOADED with Retry-After while over a limit', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/test/items/1' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'SERVER_OVERLOADED' } });
  });

  it('should keep answering the probes', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
  });
});
