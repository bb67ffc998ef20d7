import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCourse } from '../helpers/catalog-factories.js';
import { createUserAndLogin, login, type TestUser } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { ofType, openSocket, type TestSocket } from './ws-client.js';

// Sockets follow revocations made over HTTP: ended sessions close, lost rights drop topics.
describe('GET /ws after revocations', () => {
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

  async function connect(user: { accessToken: string }, ...topics: string[]) {
    const socket = await openSocket(`${wsUrl}?token=${user.accessToken}`);
    sockets.push(socket);
    await socket.next(ofType('authenticated'));
    for (const topic of topics) {
      socket.send({ type: 'subscribe', topic });
      expect(await socket.next()).toEqual({ type: 'subscribed', topic });
    }
    return socket;
  }
  const send = (method: 'POST' | 'PUT' | 'DELETE', url: string, user: TestUser, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: user.auth, payload });
  async function stillOpen(socket: TestSocket) {
    socket.send({ type: 'ping' });
    expect(await socket.next(ofType('pong'))).toEqual({ type: 'pong' });
  }

  it('should close the socket of a session that logs out with 4401', async () => {
    const user = await createUserAndLogin(t);
    const socket = await connect(user);
    expect((await send('POST', '/auth/logout', user)).statusCode).toBe(204);
    expect(await socket.closed).toMatchObject({ code: 4401, reason: 'session ended' });
  });

  it('should close the sockets of revoked sessions and keep the current one', async () => {
    const user = await createUserAndLogin(t);
    const second = await login(t, user.email, user.password);
    const third = await login(t, user.email, user.password);
    const current = await connect(user);
    const other = await connect(second);
    const revokedByAdmin = await connect(third);
    const sid = (await t.app.inject({ url: '/api/v1/auth/me', headers: third.auth })).json().data
      .credential.sessionId;
    expect((await send('DELETE', `/auth/sessions/${sid}`, admin)).statusCode).toBe(204);
    expect((await revokedByAdmin.closed).code).toBe(4401);
    expect((await send('POST', '/auth/sessions/revoke-all', user)).statusCode).toBe(200);
    expect((await other.closed).code).toBe(4401);
    await stillOpen(current);
  });

  it('should close the other sessions’ sockets when the password changes', async () => {
    const user = await createUserAndLogin(t);
    const other = await login(t, user.email, user.password);
    const current = await connect(user);
    const elsewhere = await connect(other);
    const res = await send('POST', '/auth/password', user, {
      currentPassword: user.password,
      newPassword: 'another-Long-passw0rd',
    });
    expect(res.statusCode).toBe(200);
    expect((await elsewhere.closed).code).toBe(4401);
    await stillOpen(current);
  });

  it('should close every socket of a user who is disabled', async () => {
    const user = await createUserAndLogin(t, ['staff']);
    const other = await login(t, user.email, user.password);
    const first = await connect(user, 'users');
    const second = await connect(other);
    const bystander = await connect(admin);
    expect((await send('POST', `/users/${user.id}/disable`, admin)).statusCode).toBe(200);
    expect((await first.closed).code).toBe(4401);
    expect((await second.closed).code).toBe(4401);
    await stillOpen(bystander);
  });

  it('should drop the topics a role change no longer allows, keeping the socket', async () => {
    const user = await createUserAndLogin(t, ['staff']);
    const socket = await connect(user, 'users', `users:${user.id}`);
    const res = await send('PUT', `/users/${user.id}/roles`, admin, { roles: ['learner'] });
    expect(res.statusCode).toBe(200);
    expect(await socket.next(ofType('unsubscribed'))).toEqual({
      type: 'unsubscribed',
      topic: 'users',
      reason: 'forbidden',
    });
    await stillOpen(socket);
    // The socket now has the new rights: it may not subscribe again.
    socket.send({ type: 'subscribe', topic: 'users' });
    expect(await socket.next(ofType('error'))).toMatchObject({
      code: 'FORBIDDEN',
      topic: 'users',
    });
    expect(socket.received.filter((m) => m.type === 'unsubscribed')).toHaveLength(1);
  });

  it('should drop a course topic from a co-instructor removed from the course', async () => {
    const owner = await createUserAndLogin(t, ['instructor']);
    const co = await createUserAndLogin(t, ['instructor']);
    const course = await insertCourse(t, { ownerId: owner.id });
    const added = await send('POST', `/courses/${course.id}/instructors`, owner, { userId: co.id });
    expect(added.statusCode).toBe(201);
    const socket = await connect(co, `courses:${course.id}`);
    const ownerSocket = await connect(owner, `courses:${course.id}`);
    const removed = await send('DELETE', `/courses/${course.id}/instructors/${co.id}`, owner);
    expect(removed.statusCode).toBe(204);
    expect(await socket.next(ofType('unsubscribed'))).toEqual({
      type: 'unsubscribed',
      topic: `courses:${course.id}`,
      reason: 'forbidden',
    });
    await stillOpen(socket);
    await stillOpen(ownerSocket);
    expect(ownerSocket.received.filter((m) => m.type === 'unsubscribed')).toEqual([]);
  });
});
