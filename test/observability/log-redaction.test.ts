import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const PASSWORD = 'hunter2-very-secret-password';
const TOKEN = 'tok_0123456789abcdefSECRET';
const REFRESH = 'refresh_0123456789SECRET';

describe('log redaction', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(
      {},
      {
        routes: (app) => {
          // A careless handler that logs everything it got: redaction still has to hold.
          app.post('/test/careless', async (request) => {
            const body = request.body as { token: string };
            // Credentials a real client would send (the auth hook answers 401 to made-up ones).
            const headers = {
              ...request.headers,
              authorization: `Bearer ${body.token}`,
              'x-api-key': body.token,
            };
            request.log.info({ body: request.body, headers }, 'got a request');
            request.log.info({ req: { headers } }, 'again');
            throw new Error('fails after logging');
          });
        },
      },
    );
  });
  afterAll(() => t.close());

  it('should never write passwords, tokens or the Authorization header to the logs', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { authorization: `Bearer ${TOKEN}` },
      payload: { email: 'nobody@example.org', password: PASSWORD },
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@example.org', password: PASSWORD },
    });
    const careless = await t.app.inject({
      method: 'POST',
      url: '/test/careless',
      headers: { cookie: `sid=${TOKEN}` },
      payload: { password: PASSWORD, refreshToken: REFRESH, token: TOKEN },
    });
    expect(careless.statusCode).toBe(500);

    const written = JSON.stringify(t.logs);
    expect(t.logs.some((l) => l.msg === 'got a request')).toBe(true);
    expect(written).toContain('[redacted]');
    for (const secret of [PASSWORD, TOKEN, REFRESH]) expect(written).not.toContain(secret);
  });
});
