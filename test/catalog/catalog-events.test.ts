import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from '#platform/realtime/index.js';
import { insertCourse, insertLesson, insertSection } from '../helpers/catalog-factories.js';
import { createUserAndLogin, type TestUser } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { openSocket, type TestSocket } from '../realtime/ws-client.js';

const isEvent = (m: ServerMessage) => m.type === 'event';

/**
 * Catalog events leave through the outbox like every domain event: to the realtime topics
 * `courses` and `courses:<id>` (each authorized) and to webhooks subscribed to their types.
 */
describe('catalog events on WebSockets and webhooks', () => {
  let t: TestApp;
  let wsUrl: string;
  let owner: TestUser;
  let otherInstructor: TestUser;
  let staff: TestUser;
  let admin: TestUser;
  let receiver: Server;
  const hooks: Array<{ type: string; body: { type: string; subjectId: string } }> = [];
  const sockets: TestSocket[] = [];

  async function connect(user: TestUser): Promise<TestSocket> {
    const socket = await openSocket(`${wsUrl}?token=${user.accessToken}`);
    sockets.push(socket);
    expect(await socket.next()).toEqual({ type: 'authenticated', userId: user.id });
    return socket;
  }

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        hooks.push({ type: String(req.headers['lectern-event-type']), body: JSON.parse(body) });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/lms`;
    t = await buildTestApp({ WEBHOOK_ALLOW_HOSTS: '127.0.0.1', JOBS_POLL_INTERVAL_MS: '500' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    wsUrl = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/ws`;
    owner = await createUserAndLogin(t, ['instructor']);
    otherInstructor = await createUserAndLogin(t, ['instructor']);
    staff = await createUserAndLogin(t, ['staff']);
    admin = await createUserAndLogin(t, ['admin']);
    const hook = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: admin.auth,
      payload: { url: hookUrl, eventTypes: ['course.*', 'enrolment.*'] },
    });
    expect(hook.statusCode).toBe(201);
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close()));
    await t.close();
    receiver.close();
  });

  it('should let only the course instructors and staff follow a course', async () => {
    const course = await insertCourse(t, { ownerId: owner.id });
    const topic = `courses:${course.id}`;
    for (const user of [owner, staff]) {
      const socket = await connect(user);
      socket.send({ type: 'subscribe', topic });
      expect(await socket.next()).toEqual({ type: 'subscribed', topic });
    }
    for (const user of [staff, owner]) {
      const malformed = await connect(user);
      malformed.send({ type: 'subscribe', topic: 'courses:not-a-course-id' });
      expect(await malformed.next()).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
    }
    for (const user of [otherInstructor, await createUserAndLogin(t, ['learner'])]) {
      const socket = await connect(user);
      socket.send({ type: 'subscribe', topic });
      expect(await socket.next()).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
      socket.send({ type: 'subscribe', topic: 'courses' });
      expect(await socket.next()).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
    }
  });

  it('should deliver publish and enrolment to the course topic, the staff feed and a webhook', async () => {
    const course = await insertCourse(t, { ownerId: owner.id });
    const section = await insertSection(t, course.id);
    await insertLesson(t, section);
    const follower = await connect(owner);
    follower.send({ type: 'subscribe', topic: `courses:${course.id}` });
    await follower.next();
    const feed = await connect(staff);
    feed.send({ type: 'subscribe', topic: 'courses' });
    expect(await feed.next()).toEqual({ type: 'subscribed', topic: 'courses' });

    const published = await t.app.inject({
      method: 'POST',
      url: `/api/v1/courses/${course.id}/publish`,
      headers: owner.auth,
    });
    expect(published.statusCode).toBe(200);
    const learner = await createUserAndLogin(t, ['learner']);
    const enrolled = await t.app.inject({
      method: 'POST',
      url: `/api/v1/courses/${course.id}/enrol`,
      headers: learner.auth,
    });
    expect(enrolled.statusCode).toBe(201);

    for (const socket of [follower, feed]) {
      expect(await socket.next(isEvent, 10_000)).toMatchObject({
        event: { type: 'course.published', subjectType: 'course', subjectId: course.id },
      });
      expect(await socket.next(isEvent, 10_000)).toMatchObject({
        event: { type: 'enrolment.created', subjectId: course.id, data: { userId: learner.id } },
      });
    }
    await expect
      .poll(
        () =>
          hooks
            .filter((h) => h.body.subjectId === course.id)
            .map((h) => h.type)
            .sort(),
        { timeout: 15_000, interval: 100 },
      )
      .toEqual(['course.published', 'enrolment.created']);
  });
});
