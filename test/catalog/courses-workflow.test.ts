import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  courseInstructors,
  courseReviews,
  courses,
  courseTags,
  enrolments,
  lessons,
  quizOptions,
  quizQuestions,
  quizzes,
} from '#modules/catalog/tables.js';
import {
  insertCourse,
  insertLesson,
  insertPublishedCourse,
  insertSection,
} from '../helpers/catalog-factories.js';
import { UNKNOWN_ID, useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { auditRows, countRows, expectError } from '../helpers/factories.js';
import { ids } from './courses-helpers.js';

const { t, api, staff, owner, coInstructor, otherInstructor, learner } = useCatalogTestApp({
  staff: 'staff',
  owner: 'instructor',
  coInstructor: 'instructor',
  otherInstructor: 'instructor',
  learner: 'learner',
});

const rowOf = async (id: string) =>
  (await t.database.db.select().from(courses).where(eq(courses.id, id)))[0]!;
const eventTypes = async (courseId: string) =>
  (
    await t.database.query<{ type: string }>(
      "select type from outbox_events where subject_type = 'course' and subject_id = $1 order by id",
      [courseId],
    )
  ).map((e) => e.type);

/** A draft that can be published: a summary, a section, a video lesson with a URL. */
async function publishableDraft(language = 'en') {
  const course = await insertCourse(t, { ownerId: owner.id, status: 'draft', language });
  const section = await insertSection(t, course.id);
  await insertLesson(t, section);
  return course;
}

describe('POST /api/v1/courses/:id/publish', () => {
  it('should publish a complete draft: catalog, published_at, version, event and audit', async () => {
    const course = await publishableDraft('hr');
    expect(ids(await api.get('/courses?language=hr'))).toEqual([]);
    const res = await api.post(`/courses/${course.id}/publish`, owner);
    expect(res.statusCode).toBe(200);
    const dto = res.json().data;
    expect(dto).toMatchObject({ status: 'published', version: 2 });
    expect(Date.parse(dto.publishedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(res.headers.etag).toBe('"2"');
    // The cached (empty) list page shows the course at once.
    expect(ids(await api.get('/courses?language=hr'))).toEqual([course.id]);
    expect(await eventTypes(course.id)).toEqual(['course.published']);
    expect((await auditRows(t, 'course.published')).at(-1)).toMatchObject({
      actor_id: owner.id,
      resource_id: course.id,
      details: { from: 'draft', to: 'published' },
    });
  });

  it('should list every reason a course cannot be published, and change nothing', async () => {
    const course = await insertCourse(t, { ownerId: owner.id, summary: null, title: '   ' });
    const empty = expectError(
      await api.post(`/courses/${course.id}/publish`, owner),
      422,
      'COURSE_NOT_PUBLISHABLE',
    );
    expect(empty.details?.map((d) => (d as { reason?: string }).reason)).toEqual([
      'MISSING_TITLE',
      'MISSING_SUMMARY',
      'NO_LESSONS',
    ]);
    const withSection = await insertCourse(t, { ownerId: owner.id });
    const section = await insertSection(t, withSection.id);
    expect(
      expectError(
        await api.post(`/courses/${withSection.id}/publish`, owner),
        422,
        'COURSE_NOT_PUBLISHABLE',
      ).details?.map((d) => (d as { reason?: string }).reason),
    ).toEqual(['NO_LESSONS']);
    const silent = await insertLesson(t, section, { title: 'Silent film', videoUrl: null });
    await insertLesson(t, section, { title: 'Notes', kind: 'text', position: 1 });
    const video = expectError(
      await api.post(`/courses/${withSection.id}/publish`, owner),
      422,
      'COURSE_NOT_PUBLISHABLE',
    );
    expect(video.details).toEqual([
      expect.objectContaining({ reason: 'VIDEO_WITHOUT_SOURCE', lessonId: silent.id }),
    ]);
    expect(await rowOf(withSection.id)).toMatchObject({
      status: 'draft',
      publishedAt: null,
      version: 1,
    });
    expect(await eventTypes(withSection.id)).toEqual([]);
  });

  it('should refuse invalid transitions with 409', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    const error = expectError(
      await api.post(`/courses/${course.id}/publish`, owner),
      409,
      'INVALID_STATUS_TRANSITION',
    );
    expect(error.message).toMatch(/published/);
    expect((await rowOf(course.id)).version).toBe(1);
  });

  it('should answer 401, 403 for non-instructors, 404 unknown, 400 bad id', async () => {
    const course = await publishableDraft();
    expectError(await api.post(`/courses/${course.id}/publish`), 401, 'UNAUTHORIZED');
    expectError(await api.post(`/courses/${course.id}/publish`, learner), 403, 'PERMISSION_DENIED');
    expectError(
      await api.post(`/courses/${course.id}/publish`, otherInstructor),
      403,
      'NOT_COURSE_INSTRUCTOR',
    );
    expectError(await api.post(`/courses/${UNKNOWN_ID}/publish`, owner), 404, 'COURSE_NOT_FOUND');
    expectError(await api.post('/courses/x/publish', owner), 400, 'VALIDATION_FAILED');
    expect((await rowOf(course.id)).status).toBe('draft');
    expect((await api.post(`/courses/${course.id}/publish`, staff)).statusCode).toBe(200);
  });
});

describe('POST /api/v1/courses/:id/unpublish and /archive', () => {
  it('should take a course back to draft, archive it, and publish it again', async () => {
    const course = await publishableDraft('lv');
    const published = (await api.post(`/courses/${course.id}/publish`, owner)).json().data;
    const unpublished = await api.post(`/courses/${course.id}/unpublish`, owner);
    expect(unpublished.statusCode).toBe(200);
    expect(unpublished.json().data).toMatchObject({ status: 'draft', version: 3 });
    expect(unpublished.json().data.publishedAt).toBe(published.publishedAt);
    expect(ids(await api.get('/courses?language=lv'))).toEqual([]);
    expectError(
      await api.post(`/courses/${course.id}/unpublish`, owner),
      409,
      'INVALID_STATUS_TRANSITION',
    );
    const archived = await api.post(`/courses/${course.id}/archive`, owner);
    expect(archived.json().data.status).toBe('archived');
    expectError(
      await api.post(`/courses/${course.id}/archive`, owner),
      409,
      'INVALID_STATUS_TRANSITION',
    );
    expectError(
      await api.post(`/courses/${course.id}/unpublish`, owner),
      409,
      'INVALID_STATUS_TRANSITION',
    );
    const again = await api.post(`/courses/${course.id}/publish`, owner);
    // Published again, but first published when it first was.
    expect(again.json().data).toMatchObject({
      status: 'published',
      publishedAt: published.publishedAt,
    });
    expect(await eventTypes(course.id)).toEqual([
      'course.published',
      'course.unpublished',
      'course.archived',
      'course.published',
    ]);
    expect((await auditRows(t, 'course.archived')).at(-1)?.resource_id).toBe(course.id);
  });

  it('should refuse callers who do not teach the course', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    expectError(await api.post(`/courses/${course.id}/unpublish`), 401, 'UNAUTHORIZED');
    expectError(
      await api.post(`/courses/${course.id}/archive`, otherInstructor),
      403,
      'NOT_COURSE_INSTRUCTOR',
    );
    expect((await rowOf(course.id)).status).toBe('published');
  });
});

describe('POST /api/v1/courses/:id/duplicate', () => {
  it('should copy the teaching content into a new draft owned by the caller', async () => {
    const { course, section, lesson } = await insertPublishedCourse(t, owner.id, {
      slug: 'optics-101',
      title: 'Optics 101',
    });
    const db = t.database.db;
    await db.insert(courseTags).values([
      { courseId: course.id, tag: 'light' },
      { courseId: course.id, tag: 'physics' },
    ]);
    await db
      .insert(courseInstructors)
      .values({ courseId: course.id, userId: coInstructor.id, role: 'co_instructor' });
    const week2 = await insertSection(t, course.id, 1, 'Week 2');
    const reading = await insertLesson(t, week2, { title: 'Reading', kind: 'text' });
    await db
      .update(lessons)
      .set({ body: '# Snell', transcript: 'captions' })
      .where(eq(lessons.id, reading.id));
    const quizLesson = await insertLesson(t, week2, { title: 'Check', kind: 'quiz', position: 1 });
    const [quiz] = await db
      .insert(quizzes)
      .values({
        courseId: course.id,
        lessonId: quizLesson.id,
        title: 'Refraction',
        passPercent: 80,
      })
      .returning();
    const [question] = await db
      .insert(quizQuestions)
      .values({ quizId: quiz!.id, position: 0, prompt: 'n of water?', kind: 'single' })
      .returning();
    await db.insert(quizOptions).values([
      { questionId: question!.id, position: 0, text: '1.33', correct: true },
      { questionId: question!.id, position: 1, text: '2.42', correct: false },
    ]);
    await db.insert(enrolments).values({ courseId: course.id, userId: learner.id });
    await db.insert(courseReviews).values({ courseId: course.id, userId: learner.id, rating: 5 });
    const enrolmentsBefore = await countRows(t, 'enrolments');
    const reviewsBefore = await countRows(t, 'course_reviews');

    const res = await api.post(`/courses/${course.id}/duplicate`, coInstructor);
    expect(res.statusCode).toBe(201);
    const copy = res.json().data;
    expect(res.headers.location).toBe(`/api/v1/courses/${copy.id}`);
    expect(copy).toMatchObject({
      slug: 'optics-101-copy',
      title: 'Optics 101 (copy)',
      status: 'draft',
      publishedAt: null,
      version: 1,
      tags: ['light', 'physics'],
      lessonCount: 3,
      rating: { average: null, count: 0 },
    });
    expect(copy.id).not.toBe(course.id);

    const detail = (
      await api.get(`/courses/${copy.id}?include=lessons,instructors`, coInstructor)
    ).json().data;
    expect(detail.instructors).toEqual([
      expect.objectContaining({ userId: coInstructor.id, role: 'owner' }),
    ]);
    expect(detail.sections.map((s: { title: string }) => s.title)).toEqual(['Week 1', 'Week 2']);
    expect(detail.sections[0].id).not.toBe(section.id);
    expect(
      detail.sections.flatMap((s: { lessons: Array<{ title: string }> }) =>
        s.lessons.map((l) => l.title),
      ),
    ).toEqual(['Lesson', 'Reading', 'Check']);

    const copiedLessons = await db.select().from(lessons).where(eq(lessons.courseId, copy.id));
    expect(copiedLessons.map((l) => l.id)).not.toContain(lesson.id);
    expect(copiedLessons.find((l) => l.title === 'Reading')).toMatchObject({
      body: '# Snell',
      transcript: 'captions',
    });
    expect(copiedLessons.find((l) => l.title === 'Lesson')?.videoUrl).toBe(lesson.videoUrl);
    const [copiedQuiz] = await db.select().from(quizzes).where(eq(quizzes.courseId, copy.id));
    expect(copiedQuiz).toMatchObject({
      title: 'Refraction',
      passPercent: 80,
      lessonId: copiedLessons.find((l) => l.title === 'Check')?.id,
    });
    const [copiedQuestion] = await db
      .select()
      .from(quizQuestions)
      .where(eq(quizQuestions.quizId, copiedQuiz!.id));
    expect(copiedQuestion).toMatchObject({ prompt: 'n of water?', kind: 'single' });
    const copiedOptions = await db
      .select()
      .from(quizOptions)
      .where(eq(quizOptions.questionId, copiedQuestion!.id));
    expect(copiedOptions.map((o) => [o.text, o.correct]).sort()).toEqual([
      ['1.33', true],
      ['2.42', false],
    ]);
    expect(await countRows(t, 'enrolments')).toBe(enrolmentsBefore);
    expect(await countRows(t, 'course_reviews')).toBe(reviewsBefore);
    expect(await eventTypes(copy.id)).toEqual(['course.created']);
    expect((await auditRows(t, 'course.duplicated')).at(-1)).toMatchObject({
      actor_id: coInstructor.id,
      resource_id: copy.id,
      details: { from: course.id, sections: 2, lessons: 3, quizzes: 1 },
    });

    const second = await api.post(`/courses/${course.id}/duplicate`, owner);
    expect(second.json().data.slug).toBe('optics-101-copy-2');
  });

  it('should refuse callers who may not manage the course, copying nothing', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    const before = await countRows(t, 'courses');
    expectError(await api.post(`/courses/${course.id}/duplicate`), 401, 'UNAUTHORIZED');
    expectError(
      await api.post(`/courses/${course.id}/duplicate`, learner),
      403,
      'PERMISSION_DENIED',
    );
    expectError(
      await api.post(`/courses/${course.id}/duplicate`, otherInstructor),
      403,
      'NOT_COURSE_INSTRUCTOR',
    );
    expectError(await api.post(`/courses/${UNKNOWN_ID}/duplicate`, owner), 404, 'COURSE_NOT_FOUND');
    expectError(await api.post('/courses/nope/duplicate', owner), 400, 'VALIDATION_FAILED');
    expect(await countRows(t, 'courses')).toBe(before);
    expect((await api.post(`/courses/${course.id}/duplicate`, staff)).statusCode).toBe(201);
  });
});
