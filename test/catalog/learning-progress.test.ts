import { describe, expect, it } from 'vitest';
import { insertLesson, insertPublishedCourse } from '../helpers/catalog-factories.js';
import { UNKNOWN_ID, useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { auditRows, countRows, createUserAndLogin, expectError } from '../helpers/factories.js';
import { courseEvents } from './learning-fixtures.js';

const { t, api, owner } = useCatalogTestApp({ owner: 'instructor' });

/** A published course with `n` lessons in one section and a learner enrolled in it. */
async function courseWithLessons(n: number) {
  const { course, section, lesson } = await insertPublishedCourse(t, owner.id);
  const lessons = [lesson];
  for (let i = 1; i < n; i++) lessons.push(await insertLesson(t, section, { position: i }));
  const learner = await createUserAndLogin(t, ['learner']);
  expect((await api.send('POST', `/courses/${course.id}/enrol`, learner)).statusCode).toBe(201);
  return { course, lessons, learner };
}

const enrolmentOf = async (courseId: string, userId: string) =>
  (
    await t.database.query<{ status: string; completed_at: Date | null }>(
      'select status, completed_at from enrolments where course_id = $1 and user_id = $2',
      [courseId, userId],
    )
  )[0];

describe('PUT /api/v1/lessons/:id/progress', () => {
  it('should keep the highest percent and the latest position', async () => {
    const { course, lessons, learner } = await courseWithLessons(2);
    const url = `/lessons/${lessons[0]!.id}/progress`;
    const first = await api.send('PUT', url, learner, { positionSeconds: 120, percent: 40 });
    expect(first.statusCode).toBe(200);
    expect(first.json().data).toEqual({
      lessonId: lessons[0]!.id,
      courseId: course.id,
      positionSeconds: 120,
      percent: 40,
      completed: false,
      completedAt: null,
      updatedAt: expect.any(String),
      enrolmentStatus: 'active',
    });
    const rewound = await api.send('PUT', url, learner, { positionSeconds: 10, percent: 15 });
    expect(rewound.json().data).toMatchObject({ positionSeconds: 10, percent: 40 });
    const audits = (await auditRows(t, 'lesson.progress_saved')).filter(
      (a) => a.resource_id === lessons[0]!.id,
    );
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({ actor_id: learner.id, details: { courseId: course.id } });
    // The same values again change nothing and write nothing.
    const same = await api.send('PUT', url, learner, { positionSeconds: 10, percent: 15 });
    expect(same.json().data).toEqual(rewound.json().data);
    expect(
      (await auditRows(t, 'lesson.progress_saved')).filter((a) => a.resource_id === lessons[0]!.id),
    ).toHaveLength(2);
    expect(await countRows(t, 'lesson_progress')).toBeGreaterThanOrEqual(1);
  });

  it('should complete the lesson at 100 (one event), and the course when it was the last', async () => {
    const { course, lessons, learner } = await courseWithLessons(2);
    const done = await api.send('PUT', `/lessons/${lessons[0]!.id}/progress`, learner, {
      positionSeconds: 600,
      percent: 100,
    });
    expect(done.json().data).toMatchObject({
      percent: 100,
      completed: true,
      completedAt: expect.any(String),
      enrolmentStatus: 'active',
    });
    await api.send('PUT', `/lessons/${lessons[0]!.id}/progress`, learner, {
      positionSeconds: 5,
      percent: 100,
    });
    expect(await courseEvents(t, 'lesson.completed', course.id)).toEqual([
      {
        type: 'lesson.completed',
        actor_id: learner.id,
        data: { lessonId: lessons[0]!.id, userId: learner.id, enrolmentId: expect.any(String) },
      },
    ]);
    expect((await enrolmentOf(course.id, learner.id))?.status).toBe('active');
    expect(await courseEvents(t, 'course.completed', course.id)).toEqual([]);

    const last = await api.send('PUT', `/lessons/${lessons[1]!.id}/progress`, learner, {
      positionSeconds: 590,
      percent: 100,
    });
    expect(last.json().data.enrolmentStatus).toBe('completed');
    expect(await enrolmentOf(course.id, learner.id)).toEqual({
      status: 'completed',
      completed_at: expect.any(Date),
    });
    expect(await courseEvents(t, 'course.completed', course.id)).toHaveLength(1);
    expect((await auditRows(t, 'enrolment.completed')).length).toBeGreaterThanOrEqual(1);
  });

  it('should answer 403 NOT_ENROLLED to learners not (or no longer) enrolled, and write nothing', async () => {
    const { course, lessons, learner } = await courseWithLessons(1);
    const stranger = await createUserAndLogin(t, ['learner']);
    const url = `/lessons/${lessons[0]!.id}/progress`;
    const body = { positionSeconds: 1, percent: 10 };
    const before = await countRows(t, 'lesson_progress');
    expectError(await api.send('PUT', url, stranger, body), 403, 'NOT_ENROLLED');
    expectError(await api.send('PUT', url, owner, body), 403, 'NOT_ENROLLED');
    await api.send('DELETE', `/courses/${course.id}/enrol`, learner);
    expectError(await api.send('PUT', url, learner, body), 403, 'NOT_ENROLLED');
    expect(await countRows(t, 'lesson_progress')).toBe(before);
  });

  it('should keep an archived course open to the learners enrolled in it', async () => {
    const { course, lessons, learner } = await courseWithLessons(2);
    await t.database.query(`update courses set status = 'archived' where id = $1`, [course.id]);
    const saved = await api.send('PUT', `/lessons/${lessons[0]!.id}/progress`, learner, {
      positionSeconds: 30,
      percent: 40,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().data.percent).toBe(40);
    const content = await api.send('GET', `/lessons/${lessons[1]!.id}`, learner);
    expect(content.statusCode).toBe(200);
  });

  it('should answer 404 for unknown lessons and lessons of drafts or deleted courses', async () => {
    const { course, lessons, learner } = await courseWithLessons(1);
    const body = { positionSeconds: 1, percent: 10 };
    expectError(
      await api.send('PUT', `/lessons/${UNKNOWN_ID}/progress`, learner, body),
      404,
      'LESSON_NOT_FOUND',
    );
    await t.database.query(`update courses set status = 'draft' where id = $1`, [course.id]);
    expectError(
      await api.send('PUT', `/lessons/${lessons[0]!.id}/progress`, learner, body),
      404,
      'LESSON_NOT_FOUND',
    );
    expectError(
      await api.send('POST', `/lessons/${lessons[0]!.id}/complete`, learner),
      404,
      'LESSON_NOT_FOUND',
    );
    await t.database.query('update courses set deleted_at = now() where id = $1', [course.id]);
    expectError(
      await api.send('PUT', `/lessons/${lessons[0]!.id}/progress`, learner, body),
      404,
      'LESSON_NOT_FOUND',
    );
  });

  it('should answer 400 for bad bodies and ids, 401 anonymous', async () => {
    const { lessons, learner } = await courseWithLessons(1);
    const url = `/lessons/${lessons[0]!.id}/progress`;
    const before = await countRows(t, 'lesson_progress');
    const bad = expectError(
      await api.send('PUT', url, learner, { positionSeconds: -1, percent: 101 }),
      400,
      'VALIDATION_FAILED',
    );
    expect(bad.details?.map((d) => d.path)).toEqual(
      expect.arrayContaining(['/body/positionSeconds', '/body/percent']),
    );
    expectError(await api.send('PUT', url, learner, { percent: 10 }), 400, 'VALIDATION_FAILED');
    expectError(
      await api.send('PUT', '/lessons/42/progress', learner, { positionSeconds: 1, percent: 1 }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await api.send('PUT', url, undefined, { positionSeconds: 1, percent: 1 }),
      401,
      'UNAUTHORIZED',
    );
    expect(await countRows(t, 'lesson_progress')).toBe(before);
  });
});

describe('POST /api/v1/lessons/:id/complete', () => {
  it('should mark the lesson complete idempotently, with one event', async () => {
    const { course, lessons, learner } = await courseWithLessons(2);
    await api.send('PUT', `/lessons/${lessons[0]!.id}/progress`, learner, {
      positionSeconds: 42,
      percent: 30,
    });
    const first = await api.send('POST', `/lessons/${lessons[0]!.id}/complete`, learner);
    expect(first.statusCode).toBe(200);
    expect(first.json().data).toMatchObject({
      percent: 100,
      positionSeconds: 42,
      completed: true,
      enrolmentStatus: 'active',
    });
    const again = await api.send('POST', `/lessons/${lessons[0]!.id}/complete`, learner);
    expect(again.json().data).toEqual(first.json().data);
    expect(await courseEvents(t, 'lesson.completed', course.id)).toHaveLength(1);
  });

  it('should complete the course once, when the last lesson is done', async () => {
    const { course, lessons, learner } = await courseWithLessons(3);
    for (const lesson of lessons.slice(0, 2))
      await api.send('POST', `/lessons/${lesson.id}/complete`, learner);
    expect(await courseEvents(t, 'course.completed', course.id)).toEqual([]);
    const last = await api.send('POST', `/lessons/${lessons[2]!.id}/complete`, learner);
    expect(last.json().data.enrolmentStatus).toBe('completed');
    for (const lesson of lessons) await api.send('POST', `/lessons/${lesson.id}/complete`, learner);
    const events = await courseEvents(t, 'course.completed', course.id);
    expect(events).toEqual([
      {
        type: 'course.completed',
        actor_id: learner.id,
        data: { enrolmentId: expect.any(String), userId: learner.id },
      },
    ]);
    // Completed learners may still record progress (rewatching) and stay completed.
    const rewatch = await api.send('PUT', `/lessons/${lessons[0]!.id}/progress`, learner, {
      positionSeconds: 3,
      percent: 5,
    });
    expect(rewatch.json().data).toMatchObject({ percent: 100, enrolmentStatus: 'completed' });
    // A lesson added later is not enough to reopen the enrolment, nor to complete it again.
    const section = { id: lessons[0]!.sectionId, courseId: course.id };
    const extra = await insertLesson(t, section, { position: 3 });
    await api.send('POST', `/lessons/${extra.id}/complete`, learner);
    expect(await courseEvents(t, 'course.completed', course.id)).toHaveLength(1);
  });

  it('should keep a completion through a drop and re-enrolment', async () => {
    const { course, lessons, learner } = await courseWithLessons(1);
    await api.send('POST', `/lessons/${lessons[0]!.id}/complete`, learner);
    await api.send('DELETE', `/courses/${course.id}/enrol`, learner);
    const back = await api.send('POST', `/courses/${course.id}/enrol`, learner);
    expect(back.json().data).toMatchObject({
      status: 'completed',
      completedAt: expect.any(String),
    });
    await api.send('POST', `/lessons/${lessons[0]!.id}/complete`, learner);
    expect(await courseEvents(t, 'course.completed', course.id)).toHaveLength(1);
  });

  it('should answer 403 when not enrolled, 404 unknown, 400 bad id, 401 anonymous', async () => {
    const { lessons } = await courseWithLessons(1);
    const stranger = await createUserAndLogin(t, ['learner']);
    const before = await countRows(t, 'lesson_progress');
    expectError(
      await api.send('POST', `/lessons/${lessons[0]!.id}/complete`, stranger),
      403,
      'NOT_ENROLLED',
    );
    expectError(
      await api.send('POST', `/lessons/${UNKNOWN_ID}/complete`, stranger),
      404,
      'LESSON_NOT_FOUND',
    );
    expectError(
      await api.send('POST', '/lessons/nope/complete', stranger),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await api.send('POST', `/lessons/${lessons[0]!.id}/complete`), 401, 'UNAUTHORIZED');
    expect(await countRows(t, 'lesson_progress')).toBe(before);
  });

  it('should serialise concurrent completions of one learner: one event each', async () => {
    const { course, lessons, learner } = await courseWithLessons(2);
    await Promise.all(
      [...lessons, ...lessons].map((lesson) =>
        api.send('POST', `/lessons/${lesson.id}/complete`, learner),
      ),
    );
    expect(await courseEvents(t, 'lesson.completed', course.id)).toHaveLength(2);
    expect(await courseEvents(t, 'course.completed', course.id)).toHaveLength(1);
  });
});
