import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '#platform/clock/index.js';
import { createUserAndLogin, expectError, login, PASSWORD } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const HOUR = 3600;
const clock = testClock();
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ REFRESH_TTL: String(HOUR) }, { clock });
});
afterAll(() => t.close());

const refresh = (refreshToken: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } });

const sessions = (auth: Record<string, string>, query = '') =>
  t.app.inject({ method: 'GET', url: `/api/v1/auth/sessions${query}`, headers: auth });

describe('session lifetime on the injected clock', () => {
  it('should end a session REFRESH_TTL after sign-in as the clock moves, and keep a younger one', async () => {
    const first = await createUserAndLogin(t);
    clock.advance((HOUR - 600) * 1000);
    const second = await login(t, first.email, PASSWORD);
    clock.advance(700 * 1000);

    const live = await sessions(second.auth);
    expect(live.statusCode).toBe(200);
    expect(live.json().data).toHaveLength(1);
    expect(live.json().data[0].current).toBe(true);
    expectError(await refresh(first.refreshToken), 401, 'INVALID_REFRESH_TOKEN');
    expect((await refresh(second.refreshToken)).statusCode).toBe(200);
  });
});

describe('GET /auth/sessions pages (sendPage)', () => {
  it('should answer pages with meta.nextCursor, limit and a Link header, the last without', async () => {
    const user = await createUserAndLogin(t);
    await login(t, user.email, PASSWORD);
    await login(t, user.email, PASSWORD);

    const seen: string[] = [];
    let query = '?limit=2';
    let pages = 0;
    for (;;) {
      const res = await sessions(user.auth, query);
      expect(res.statusCode).toBe(200);
      const { data, meta } = res.json();
      expect(meta.limit).toBe(2);
      seen.push(...data.map((s: { id: string }) => s.id));
      pages++;
      if (!meta.nextCursor) {
        expect(res.headers.link).toBeUndefined();
        break;
      }
      expect(data).toHaveLength(2);
      expect(res.headers.link).toBe(
        `</api/v1/auth/sessions?limit=2&cursor=${encodeURIComponent(meta.nextCursor)}>; rel="next"`,
      );
      query = `?limit=2&cursor=${encodeURIComponent(meta.nextCursor)}`;
    }
    expect(pages).toBe(2);
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
    expect([...seen].sort().reverse()).toEqual(seen);
  });
});
