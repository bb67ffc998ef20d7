import { describe, expect, it } from 'vitest';
import { insertCourse, insertPublishedCourse } from '../helpers/catalog-factories.js';
import { UNKNOWN_ID, useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { auditRows, countRows, createUserAndLogin, expectError } from '../helpers/factories.js';
import { courseEvents, insertEnrolment } from './learning-fixtures.js';

const { t, api, owner } = useCatalogTestApp({ owner: 'instructor' });

async function enrolledLearner(courseId: string, name = 'Rita Reviewer') {
  const user = await createUserAndLogin(t, ['learner'], { name });
  expect((await api.send('POST', `/courses/${courseId}/enrol`, user)).statusCode).toBe(201);
  return user;
}

describe('PUT /api/v1/courses/:id/review', () => {
  it('should create the review (201, event), then replace it (200), one row per learner', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    const rita = await enrolledLearner(course.id);
    const first = await api.send('PUT', `/courses/${course.id}/review`, rita, {
      rating: 4,
      body: 'Clear and practical.',
    });
    expect(first.statusCode).toBe(201);
    const review = first.json().data;
    expect(review).toEqual({
      id: expect.any(String),
      courseId: course.id,
      rating: 4,
      body: 'Clear and practical.',
      reviewer: { name: 'Rita Reviewer' },
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(first.body).not.toContain(rita.email);
    const second = await api.send('PUT', `/courses/${course.slug}/review`, rita, { rating: 2 });
    expect(second.statusCode).toBe(200);
    expect(second.json().data).toMatchObject({ id: review.id, rating: 2, body: null });
    const rows = await t.database.query('select * from course_reviews where course_id = $1', [
      course.id,
    ]);
    expect(rows).toHaveLength(1);
    expect(await courseEvents(t, 'review.created', course.id)).toEqual([
      {
        type: 'review.created',
        actor_id: rita.id,
        data: { reviewId: review.id, userId: rita.id, rating: 4 },
      },
    ]);
    expect((await auditRows(t, 'review.created')).at(-1)?.resource_id).toBe(review.id);
    expect((await auditRows(t, 'review.updated')).at(-1)?.resource_id).toBe(review.id);
  });

  it('should let learners who completed the course review it', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    const done = await createUserAndLogin(t, ['learner']);
    await insertEnrolment(t, course.id, done.id, { status: 'completed', completedAt: new Date() });
    const res = await api.send('PUT', `/courses/${course.id}/review`, done, { rating: 5 });
    expect(res.statusCode).toBe(201);
  });

  it('should answer 403 NOT_ENROLLED to strangers, dropped learners and instructors, and change nothing', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    const dropped = await enrolledLearner(course.id);
    await api.send('DELETE', `/courses/${course.id}/enrol`, dropped);
    const stranger = await createUserAndLogin(t, ['learner']);
    const before = await countRows(t, 'course_reviews');
    for (const user of [dropped, stranger, owner])
      expectError(
        await api.send('PUT', `/courses/${course.id}/review`, user, { rating: 1 }),
        403,
        'NOT_ENROLLED',
      );
    expect(await countRows(t, 'course_reviews')).toBe(before);
  });

  it('should answer 400 for bad ratings and bodies, 404 unknown course, 401 anonymous', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    const rita = await enrolledLearner(course.id);
    const url = `/courses/${course.id}/review`;
    for (const body of [{ rating: 0 }, { rating: 6 }, { rating: 2.5 }, {}, { rating: 3, x: 1 }])
      expectError(await api.send('PUT', url, rita, body), 400, 'VALIDATION_FAILED');
    expectError(
      await api.send('PUT', url, rita, { rating: 3, body: 'x'.repeat(5001) }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await api.send('PUT', `/courses/${UNKNOWN_ID}/review`, rita, { rating: 3 }),
      404,
      'COURSE_NOT_FOUND',
    );
    expectError(await api.send('PUT', url, undefined, { rating: 3 }), 401, 'UNAUTHORIZED');
    expect(
      await t.database.query('select 1 from course_reviews where course_id = $1', [course.id]),
    ).toEqual([]);
  });
});

describe('DELETE /api/v1/courses/:id/review', () => {
  it('should delete the caller’s review (204, audited), then answer 404', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    const rita = await enrolledLearner(course.id);
    const other = await enrolledLearner(course.id, 'Otto Other');
    const mine = (await api.send('PUT', `/courses/${course.id}/review`, rita, { rating: 3 })).json()
      .data;
    await api.send('PUT', `/courses/${course.id}/review`, other, { rating: 5 });
    const res = await api.send('DELETE', `/courses/${course.id}/review`, rita);
    expect(res.statusCode).toBe(204);
    expect((await auditRows(t, 'review.deleted')).at(-1)?.resource_id).toBe(mine.id);
    const left = await api.send('GET', `/courses/${course.id}/reviews`);
    expect(left.json().data.map((r: { reviewer: { name: string } }) => r.reviewer.name)).toEqual([
      'Otto Other',
    ]);
    expectError(
      await api.send('DELETE', `/courses/${course.id}/review`, rita),
      404,
      'REVIEW_NOT_FOUND',
    );
  });

  it('should answer 404 unknown course, 401 anonymous', async () => {
    const someone = await createUserAndLogin(t, ['learner']);
    expectError(
      await api.send('DELETE', `/courses/${UNKNOWN_ID}/review`, someone),
      404,
      'COURSE_NOT_FOUND',
    );
    expectError(await api.send('DELETE', `/courses/${UNKNOWN_ID}/review`), 401, 'UNAUTHORIZED');
  });
});

describe('GET /api/v1/courses/:id/reviews', () => {
  it('should list a published course’s reviews publicly, newest first, in pages, without emails', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    const names = ['Ann', 'Ben', 'Cy'];
    const users = [];
    for (const name of names) {
      const user = await enrolledLearner(course.id, name);
      await api.send('PUT', `/courses/${course.id}/review`, user, { rating: 4, body: name });
      users.push(user);
    }
    // Editing a review does not move it.
    await api.send('PUT', `/courses/${course.id}/review`, users[0], { rating: 1 });
    const first = await api.send('GET', `/courses/${course.id}/reviews?limit=2`);
    expect(first.statusCode).toBe(200);
    expect(first.json().data.map((r: { reviewer: { name: string } }) => r.reviewer.name)).toEqual([
      'Cy',
      'Ben',
    ]);
    for (const user of users) expect(first.body).not.toContain(user.email);
    expect(first.body).not.toContain('userId');
    const next = await api.send(
      'GET',
      `/courses/${course.id}/reviews?limit=2&cursor=${first.json().meta.nextCursor}`,
    );
    expect(next.json().data).toEqual([
      expect.objectContaining({ rating: 1, reviewer: { name: 'Ann' } }),
    ]);
    expect(next.json().meta.nextCursor).toBeNull();
  });

  it('should hide drafts: 404 anonymous and learners, 200 for its instructors', async () => {
    const draft = await insertCourse(t, { ownerId: owner.id, status: 'draft' });
    const learner = await createUserAndLogin(t, ['learner']);
    expectError(await api.send('GET', `/courses/${draft.id}/reviews`), 404, 'COURSE_NOT_FOUND');
    expectError(
      await api.send('GET', `/courses/${draft.slug}/reviews`, learner),
      404,
      'COURSE_NOT_FOUND',
    );
    expect((await api.send('GET', `/courses/${draft.id}/reviews`, owner)).statusCode).toBe(200);
  });

  it('should answer 404 unknown course and 400 for a bad cursor or limit', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    expectError(await api.send('GET', `/courses/${UNKNOWN_ID}/reviews`), 404, 'COURSE_NOT_FOUND');
    expectError(
      await api.send('GET', `/courses/${course.id}/reviews?cursor=e30`),
      400,
      'INVALID_CURSOR',
    );
    expectError(
      await api.send('GET', `/courses/${course.id}/reviews?limit=0`),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('GET /api/v1/courses/:id/rating', () => {
  it('should summarise the ratings and follow every change to them', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    const empty = await api.send('GET', `/courses/${course.id}/rating`);
    expect(empty.json().data).toEqual({
      courseId: course.id,
      average: null,
      count: 0,
      histogram: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
    });
    const a = await enrolledLearner(course.id);
    const b = await enrolledLearner(course.id);
    const c = await enrolledLearner(course.id);
    await api.send('PUT', `/courses/${course.id}/review`, a, { rating: 5 });
    await api.send('PUT', `/courses/${course.id}/review`, b, { rating: 4 });
    await api.send('PUT', `/courses/${course.id}/review`, c, { rating: 4 });
    const rated = await api.send('GET', `/courses/${course.slug}/rating`);
    expect(rated.json().data).toEqual({
      courseId: course.id,
      average: 4.33,
      count: 3,
      histogram: { 1: 0, 2: 0, 3: 0, 4: 2, 5: 1 },
    });
    // Served from the cache until a review changes; then fresh.
    expect((await api.send('GET', `/courses/${course.id}/rating`)).json()).toEqual(rated.json());
    await api.send('PUT', `/courses/${course.id}/review`, a, { rating: 1 });
    expect((await api.send('GET', `/courses/${course.id}/rating`)).json().data).toMatchObject({
      average: 3,
      histogram: { 1: 1, 4: 2, 5: 0 },
    });
    await api.send('DELETE', `/courses/${course.id}/review`, a);
    expect((await api.send('GET', `/courses/${course.id}/rating`)).json().data).toMatchObject({
      average: 4,
      count: 2,
    });
  });

  it('should send an ETag and answer 304 to If-None-Match', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    const res = await api.send('GET', `/courses/${course.id}/rating`);
    expect(res.headers.etag).toBeDefined();
    const again = await t.app.inject({
      url: `/api/v1/courses/${course.id}/rating`,
      headers: { 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('should answer 404 unknown and to anyone but its instructors a draft, 400 bad id', async () => {
    const draft = await insertCourse(t, { ownerId: owner.id, status: 'draft' });
    const learner = await createUserAndLogin(t, ['learner']);
    expectError(await api.send('GET', `/courses/${UNKNOWN_ID}/rating`), 404, 'COURSE_NOT_FOUND');
    expectError(await api.send('GET', `/courses/${draft.id}/rating`), 404, 'COURSE_NOT_FOUND');
    expectError(
      await api.send('GET', `/courses/${draft.slug}/rating`, learner),
      404,
      'COURSE_NOT_FOUND',
    );
    expect((await api.send('GET', `/courses/${draft.id}/rating`, owner)).statusCode).toBe(200);
    expectError(await api.send('GET', '/courses/no!/rating'), 400, 'VALIDATION_FAILED');
  });
});
