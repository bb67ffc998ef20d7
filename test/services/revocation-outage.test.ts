import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries } from '../helpers/count-queries.js';
import { createUserAndLogin, type TestUser } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * A process that cannot hear revocations (its Redis subscription is down) must not trust the
 * credentials it cached: it goes to the database until it has subscribed again.
 */
const enabled = process.env.LECTERN_TEST_SERVICES === '1' && !!process.env.REDIS_URL;

describe.skipIf(!enabled)('the credential cache while Redis pub/sub is down', () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await buildTestApp({ AUTH_CACHE_TTL_SECONDS: '600' });
    user = await createUserAndLogin(t);
  });
  afterAll(() => t.close());

  const meQueries = async () => {
    const { response, queries } = await countQueries(t, (requestId) =>
      t.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { ...user.auth, 'x-request-id': requestId },
      }),
    );
    expect(response.statusCode).toBe(200);
    return queries;
  };

  it('should read from the database while unsubscribed, and trust its cache again after', async () => {
    await meQueries();
    expect(await meQueries()).toBe(0);
    const { subscriber } = t.app.lectern.redis!;
    // The process learns of the break when the connection's close event arrives; it reconnects
    // about 50 ms later, so only the request right after the close is sure to find it down.
    const closed = new Promise((resolve) => subscriber.once('close', resolve));
    subscriber.disconnect(true);
    await closed;
    expect(await meQueries()).toBeGreaterThan(0);
    await expect
      .poll(async () => (await meQueries()) === 0 && (await meQueries()) === 0, {
        timeout: 10_000,
        interval: 100,
      })
      .toBe(true);
  });
});
