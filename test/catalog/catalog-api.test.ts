import { describe, expect, it } from 'vitest';
import { catalogApi, type LessonCompleted } from '#modules/catalog/index.js';
import { insertLesson, insertPublishedCourse } from '../helpers/catalog-factories.js';
import { UNKNOWN_ID, useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { createUserAndLogin } from '../helpers/factories.js';

/** The catalog's `api`: what other modules may call, through the module's index only. */
const { t, api, owner, co } = useCatalogTestApp({ owner: 'instructor', co: 'instructor' });

describe('the catalog api', () => {
  it("should give a learner's enrolments with their progress", async () => {
    const { course, section, lesson } = await insertPublishedCourse(t, owner.id, {
      title: 'Orbits',
    });
    await insertLesson(t, section, { position: 1 });
    const learner = await createUserAndLogin(t, ['learner']);
    expect(await catalogApi.learnerEnrolments(t.database.db, learner.id)).toEqual([]);
    expect((await api.send('POST', `/courses/${course.id}/enrol`, learner)).statusCode).toBe(201);
    const put = await api.send('PUT', `/lessons/${lesson.id}/progress`, learner, {
      positionSeconds: 600,
      percent: 100,
    });
    expect(put.statusCode).toBe(200);

    const enrolments = await catalogApi.learnerEnrolments(t.database.db, learner.id);
    expect(enrolments).toEqual([
      {
        enrolmentId: expect.any(String),
        courseId: course.id,
        courseTitle: 'Orbits',
        status: 'active',
        enrolledAt: expect.any(Date),
        completedAt: null,
        totalLessons: 2,
        completedLessons: 1,
        lastActivityAt: expect.any(Date),
      },
    ]);
  });

  it("should give a course's summary with its instructors, owner first", async () => {
    const { course } = await insertPublishedCourse(t, owner.id, { title: 'Tides' });
    const added = await api.send('POST', `/courses/${course.id}/instructors`, owner, {
      userId: co.id,
    });
    expect(added.statusCode).toBe(201);
    const summary = await catalogApi.courseSummary(t.database.db, course.id);
    expect(summary).toMatchObject({
      id: course.id,
      title: 'Tides',
      status: 'published',
      lessonCount: 1,
      ratingCount: 0,
      ratingAverage: null,
    });
    expect(summary!.instructors.map((i) => [i.userId, i.role])).toEqual([
      [owner.id, 'owner'],
      [co.id, 'co_instructor'],
    ]);
    expect(await catalogApi.courseSummary(t.database.db, UNKNOWN_ID)).toBeUndefined();
  });

  it('should tell subscribers of lesson completions', async () => {
    const seen: LessonCompleted[] = [];
    catalogApi.onLessonCompleted(t.app.lectern.events, 'catalog-api-test', async (event) => {
      seen.push(event);
    });
    const { course, lesson } = await insertPublishedCourse(t, owner.id);
    const learner = await createUserAndLogin(t, ['learner']);
    await api.send('POST', `/courses/${course.id}/enrol`, learner);
    await api.send('PUT', `/lessons/${lesson.id}/progress`, learner, {
      positionSeconds: 600,
      percent: 100,
    });
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(seen[0]).toMatchObject({
      type: 'lesson.completed',
      subjectId: course.id,
      data: { lessonId: lesson.id, userId: learner.id },
    });
  });
});
