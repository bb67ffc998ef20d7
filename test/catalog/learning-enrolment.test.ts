import { beforeAll, describe, expect, it } from 'vitest';
import {
  insertCourse,
  insertLesson,
  insertPublishedCourse,
  insertSection,
} from '../helpers/catalog-factories.js';
import { UNKNOWN_ID, useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { countQueries } from '../helpers/count-queries.js';
import {
  auditRows,
  countRows,
  createUserAndLogin,
  expectError,
  type TestUser,
} from '../helpers/factories.js';
import { courseEvents } from './learning-fixtures.js';

const { t, api, owner, learner } = useCatalogTestApp({
  owner: 'instructor',
  learner: { role: 'learner', name: 'Lena Learner' },
});

describe('POST /api/v1/courses/:id/enrol', () => {
  it('should enrol the caller with 201, an event and an audit row, then answer 200 idempotently', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    const first = await api.send('POST', `/courses/${course.id}/enrol`, learner);
    expect(first.statusCode).toBe(201);
    const enrolment = first.json().data;
    expect(enrolment).toEqual({
      id: expect.any(String),
      courseId: course.id,
      userId: learner.id,
      status: 'active',
      enrolledAt: expect.any(String),
      completedAt: null,
      droppedAt: null,
    });
    const again = await api.send('POST', `/courses/${course.slug}/enrol`, learner);
    expect(again.statusCode).toBe(200);
    expect(again.json().data).toEqual(enrolment);
    expect(await courseEvents(t, 'enrolment.created', course.id)).toEqual([
      {
        type: 'enrolment.created',
        actor_id: learner.id,
        data: { enrolmentId: enrolment.id, userId: learner.id },
      },
    ]);
    const audits = (await auditRows(t, 'enrolment.created')).filter(
      (a) => a.resource_id === enrolment.id,
    );
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_id: learner.id, resource_type: 'enrolment' });
  });

  it('should reactivate a dropped enrolment (201) rather than add a second one', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    const first = (await api.send('POST', `/courses/${course.id}/enrol`, learner)).json().data;
    expect((await api.send('DELETE', `/courses/${course.id}/enrol`, learner)).statusCode).toBe(204);
    const before = await countRows(t, 'enrolments');
    const back = await api.send('POST', `/courses/${course.id}/enrol`, learner);
    expect(back.statusCode).toBe(201);
    expect(back.json().data).toMatchObject({ id: first.id, status: 'active', droppedAt: null });
    expect(await countRows(t, 'enrolments')).toBe(before);
    const events = await courseEvents(t, 'enrolment.created', course.id);
    expect(events.map((e) => e.data.reactivated)).toEqual([undefined, true]);
  });

  it('should refuse drafts (404, 403 to its instructors), archived courses (409), unknown ones (404), and change nothing', async () => {
    const draft = await insertCourse(t, { ownerId: owner.id, status: 'draft' });
    const archived = await insertCourse(t, { ownerId: owner.id, status: 'archived' });
    const before = await countRows(t, 'enrolments');
    expectError(
      await api.send('POST', `/courses/${draft.id}/enrol`, learner),
      404,
      'COURSE_NOT_FOUND',
    );
    expectError(
      await api.send('POST', `/courses/${draft.id}/enrol`, owner),
      403,
      'COURSE_NOT_PUBLISHED',
    );
    expectError(
      await api.send('POST', `/courses/${archived.id}/enrol`, learner),
      409,
      'COURSE_ARCHIVED',
    );
    expectError(
      await api.send('POST', `/courses/${UNKNOWN_ID}/enrol`, learner),
      404,
      'COURSE_NOT_FOUND',
    );
    await t.database.query('update courses set deleted_at = now() where id = $1', [archived.id]);
    expectError(
      await api.send('POST', `/courses/${archived.id}/enrol`, learner),
      404,
      'COURSE_NOT_FOUND',
    );
    expect(await countRows(t, 'enrolments')).toBe(before);
  });

  it('should answer 401 anonymous and 400 for a malformed id', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    expectError(await api.send('POST', `/courses/${course.id}/enrol`), 401, 'UNAUTHORIZED');
    const bad = expectError(
      await api.send('POST', '/courses/not%20a%20slug!/enrol', learner),
      400,
      'VALIDATION_FAILED',
    );
    expect(bad.details?.[0]?.path).toBe('/params/id');
  });
});

describe('DELETE /api/v1/courses/:id/enrol', () => {
  it('should drop the enrolment with 204 and an event, then answer 404 NOT_ENROLLED', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    const enrolment = (await api.send('POST', `/courses/${course.id}/enrol`, learner)).json().data;
    const res = await api.send('DELETE', `/courses/${course.id}/enrol`, learner);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    const [row] = await t.database.query<{ status: string; dropped_at: Date | null }>(
      'select status, dropped_at from enrolments where id = $1',
      [enrolment.id],
    );
    expect(row).toMatchObject({ status: 'dropped', dropped_at: expect.anything() });
    expect(await courseEvents(t, 'enrolment.dropped', course.id)).toEqual([
      {
        type: 'enrolment.dropped',
        actor_id: learner.id,
        data: { enrolmentId: enrolment.id, userId: learner.id },
      },
    ]);
    expect((await auditRows(t, 'enrolment.dropped')).at(-1)?.resource_id).toBe(enrolment.id);
    expectError(
      await api.send('DELETE', `/courses/${course.id}/enrol`, learner),
      404,
      'NOT_ENROLLED',
    );
  });

  it('should answer 404 when never enrolled or the course is unknown, 401 anonymous', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    expectError(
      await api.send('DELETE', `/courses/${course.id}/enrol`, learner),
      404,
      'NOT_ENROLLED',
    );
    expectError(
      await api.send('DELETE', `/courses/${UNKNOWN_ID}/enrol`, learner),
      404,
      'COURSE_NOT_FOUND',
    );
    expectError(await api.send('DELETE', `/courses/${course.id}/enrol`), 401, 'UNAUTHORIZED');
  });
});

describe('GET /api/v1/me/courses', () => {
  let me: TestUser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    me = await createUserAndLogin(t, ['learner']);
    // Three courses: one with 4 lessons of which 1 is done, one completed, one dropped.
    const a = await insertCourse(t, { ownerId: owner.id, status: 'published', title: 'Alpha' });
    const section = await insertSection(t, a.id);
    const lessons = [];
    for (let i = 0; i < 4; i++) lessons.push(await insertLesson(t, section, { position: i }));
    const b = await insertPublishedCourse(t, owner.id, { title: 'Beta' });
    const c = await insertPublishedCourse(t, owner.id, { title: 'Gamma' });
    for (const course of [a, b.course, c.course])
      expect((await api.send('POST', `/courses/${course.id}/enrol`, me)).statusCode).toBe(201);
    await api.send('POST', `/lessons/${lessons[0]!.id}/complete`, me);
    await api.send('PUT', `/lessons/${lessons[1]!.id}/progress`, me, {
      positionSeconds: 30,
      percent: 40,
    });
    await api.send('POST', `/lessons/${b.lesson.id}/complete`, me);
    await api.send('DELETE', `/courses/${c.course.id}/enrol`, me);
    ids.alpha = a.id;
    ids.beta = b.course.id;
    ids.gamma = c.course.id;
  });

  it('should list the caller’s enrolments, newest first, with the course and progress', async () => {
    const res = await api.send('GET', '/me/courses', me);
    expect(res.statusCode).toBe(200);
    const data = res.json().data;
    expect(data.map((e: { course: { id: string } }) => e.course.id)).toEqual([
      ids.gamma,
      ids.beta,
      ids.alpha,
    ]);
    const alpha = data[2];
    expect(alpha).toEqual({
      enrolmentId: expect.any(String),
      status: 'active',
      enrolledAt: expect.any(String),
      completedAt: null,
      course: { id: ids.alpha, slug: expect.any(String), title: 'Alpha', status: 'published' },
      progress: {
        completedLessons: 1,
        totalLessons: 4,
        percent: 25,
        lastActivityAt: expect.any(String),
      },
    });
    expect(data[1]).toMatchObject({
      status: 'completed',
      completedAt: expect.any(String),
      progress: { completedLessons: 1, totalLessons: 1, percent: 100 },
    });
    expect(data[0]).toMatchObject({ status: 'dropped', progress: { lastActivityAt: null } });
  });

  it('should take as many queries for three courses as for none', async () => {
    const nobody = await createUserAndLogin(t, ['learner']);
    const list = (user: TestUser) => (requestId: string) =>
      t.app.inject({
        url: '/api/v1/me/courses',
        headers: { ...user.auth, 'x-request-id': requestId },
      });
    // Both sessions warm in the credential cache, so only the listing's own queries count.
    await Promise.all([list(nobody)('warm-nobody'), list(me)('warm-me')]);
    const few = await countQueries(t, list(nobody));
    const many = await countQueries(t, list(me));
    expect(few.response.json().data).toEqual([]);
    expect(many.response.json().data).toHaveLength(3);
    expect(few.queries).toBeGreaterThan(0);
    expect(many.queries).toBe(few.queries);
  });

  it('should filter by status and page with a cursor', async () => {
    const completed = await api.send('GET', '/me/courses?status=completed', me);
    expect(completed.json().data.map((e: { course: { id: string } }) => e.course.id)).toEqual([
      ids.beta,
    ]);
    const first = await api.send('GET', '/me/courses?limit=2', me);
    const { nextCursor } = first.json().meta;
    expect(first.json().data).toHaveLength(2);
    expect(first.headers.link).toContain('rel="next"');
    const second = await api.send('GET', `/me/courses?limit=2&cursor=${nextCursor}`, me);
    expect(second.json().data.map((e: { course: { id: string } }) => e.course.id)).toEqual([
      ids.alpha,
    ]);
    expect(second.json().meta.nextCursor).toBeNull();
  });

  it('should hide courses that were deleted and show nobody else’s enrolments', async () => {
    const other = await createUserAndLogin(t, ['learner']);
    expect((await api.send('GET', '/me/courses', other)).json().data).toEqual([]);
    await t.database.query('update courses set deleted_at = now() where id = $1', [ids.gamma]);
    const res = await api.send('GET', '/me/courses', me);
    expect(res.json().data.map((e: { course: { id: string } }) => e.course.id)).toEqual([
      ids.beta,
      ids.alpha,
    ]);
  });

  it('should answer 400 for a bad filter or cursor and 401 anonymous', async () => {
    const bad = expectError(
      await api.send('GET', '/me/courses?status=paused', me),
      400,
      'VALIDATION_FAILED',
    );
    expect(bad.details?.[0]?.path).toBe('/querystring/status');
    expectError(await api.send('GET', '/me/courses?cursor=e30', me), 400, 'INVALID_CURSOR');
    expectError(await api.send('GET', '/me/courses'), 401, 'UNAUTHORIZED');
  });
});
