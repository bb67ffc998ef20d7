import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, login, type TestUser } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { ofType, openSocket, type TestSocket } from '../realtime/ws-client.js';

// Erasure ends credentials through the same revocation path as disabling: open sockets close.
describe('POST /api/v1/users/:id/erase and open WebSockets', () => {
  let t: TestApp;
  let wsUrl: string;
  let admin: TestUser;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    t = await buildTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    wsUrl = `ws://127.0.0.1:${port}/ws`;
    admin = await createUserAndLogin(t, ['admin']);
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close()));
    await t.close();
  });

  async function connect(user: { accessToken: string }) {
    const socket = await openSocket(`${wsUrl}?token=${user.accessToken}`);
    sockets.push(socket);
    await socket.next(ofType('authenticated'));
    return socket;
  }

  it("should close every socket of the erased user before answering, and no one else's", async () => {
    const user = await createUserAndLogin(t, ['learner']);
    const other = await login(t, user.email, user.password);
    const first = await connect(user);
    const second = await connect(other);
    const bystander = await connect(admin);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${user.id}/erase`,
      headers: admin.auth,
    });
    expect(res.statusCode).toBe(200);
    expect((await first.closed).code).toBe(4401);
    expect((await second.closed).code).toBe(4401);
    bystander.send({ type: 'ping' });
    expect(await bystander.next(ofType('pong'))).toEqual({ type: 'pong' });
  });
});
