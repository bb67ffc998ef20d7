import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  insertCourse,
  insertLesson,
  insertPublishedCourse,
  insertSection,
} from '../helpers/catalog-factories.js';
import { OWNER_OTHER_STAFF_LEARNER, useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { createUserAndLogin, expectError, type TestUser } from '../helpers/factories.js';

const { t, api, owner, otherInstructor, staff, learner } =
  useCatalogTestApp(OWNER_OTHER_STAFF_LEARNER);

const getLesson = (id: string, user?: TestUser) => api.get(`/lessons/${id}`, user);

async function enrol(courseId: string, userId: string, status = 'active') {
  await t.database.query(
    'insert into enrolments (id, course_id, user_id, status) values ($1, $2, $3, $4)',
    [randomUUID(), courseId, userId, status],
  );
}

describe('GET /api/v1/lessons/:id', () => {
  it('should give the full content to the instructors and staff', async () => {
    const { lesson } = await insertPublishedCourse(t, owner.id);
    await t.database.query(
      "update lessons set body = 'notes', transcript = 'WEBVTT', duration_seconds = 90 where id = $1",
      [lesson.id],
    );
    for (const user of [owner, staff]) {
      const res = await getLesson(lesson.id, user);
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual({
        id: lesson.id,
        courseId: lesson.courseId,
        sectionId: lesson.sectionId,
        title: 'Lesson',
        kind: 'video',
        position: 0,
        durationSeconds: 90,
        freePreview: false,
        videoUrl: 'https://videos.example.org/lesson.mp4',
        fileUrl: null,
        body: 'notes',
        transcript: 'WEBVTT',
        quizId: null,
        access: 'manager',
      });
    }
  });

  it('should give it to learners with an active or completed enrolment, not a dropped one', async () => {
    const { course, lesson } = await insertPublishedCourse(t, owner.id);
    const active = await createUserAndLogin(t, ['learner']);
    const completed = await createUserAndLogin(t, ['learner']);
    const dropped = await createUserAndLogin(t, ['learner']);
    await enrol(course.id, active.id);
    await enrol(course.id, completed.id, 'completed');
    await enrol(course.id, dropped.id, 'dropped');
    for (const user of [active, completed]) {
      const res = await getLesson(lesson.id, user);
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({
        videoUrl: 'https://videos.example.org/lesson.mp4',
        access: 'enrolled',
      });
    }
    expectError(await getLesson(lesson.id, dropped), 403, 'NOT_ENROLLED');
    // Enrolment in another course does not count.
    const { lesson: elsewhere } = await insertPublishedCourse(t, owner.id);
    expectError(await getLesson(elsewhere.id, active), 403, 'NOT_ENROLLED');
  });

  it('should refuse anonymous callers with 401 and others with 403 NOT_ENROLLED', async () => {
    const { lesson } = await insertPublishedCourse(t, owner.id);
    expectError(await getLesson(lesson.id), 401, 'UNAUTHORIZED');
    expectError(await getLesson(lesson.id, learner), 403, 'NOT_ENROLLED');
    expectError(await getLesson(lesson.id, otherInstructor), 403, 'NOT_ENROLLED');
  });

  it('should give anyone a free-preview lesson of a published course', async () => {
    const { section } = await insertPublishedCourse(t, owner.id);
    const preview = await insertLesson(t, section, { position: 1, freePreview: true });
    const res = await getLesson(preview.id);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({ id: preview.id, access: 'preview', freePreview: true });
    expect(res.headers.etag).toBeDefined();
    expect((await getLesson(preview.id, learner)).json().data.access).toBe('preview');
  });

  it('should link an uploaded file as /api/v1/files/<id>', async () => {
    const { lesson } = await insertPublishedCourse(t, owner.id);
    const fileId = randomUUID();
    await t.database.query(
      `insert into stored_files (id, owner_id, filename, content_type, size_bytes, sha256, storage_key)
       values ($1, $2, 'slides.pdf', 'application/pdf', 10, 'x', $3)`,
      [fileId, owner.id, `test/${fileId}`],
    );
    await t.database.query(
      "update lessons set kind = 'file', video_url = null, file_id = $1 where id = $2",
      [fileId, lesson.id],
    );
    const data = (await getLesson(lesson.id, owner)).json().data;
    expect(data).toMatchObject({
      kind: 'file',
      fileUrl: `/api/v1/files/${fileId}`,
      videoUrl: null,
    });
    expect(data).not.toHaveProperty('fileId');
  });

  it('should hide lessons of unpublished courses from everybody but their instructors (404)', async () => {
    const course = await insertCourse(t, { ownerId: owner.id, status: 'draft' });
    const section = await insertSection(t, course.id);
    const lesson = await insertLesson(t, section, { freePreview: true });
    await enrol(course.id, learner.id);
    expectError(await getLesson(lesson.id, learner), 404, 'LESSON_NOT_FOUND');
    expectError(await getLesson(lesson.id), 404, 'LESSON_NOT_FOUND');
    expect((await getLesson(lesson.id, owner)).statusCode).toBe(200);
  });

  it('should answer 404 for lessons of deleted courses, unknown lessons, and 400 for a bad id', async () => {
    const { course, lesson } = await insertPublishedCourse(t, owner.id);
    await t.database.query('update courses set deleted_at = now() where id = $1', [course.id]);
    expectError(await getLesson(lesson.id, owner), 404, 'LESSON_NOT_FOUND');
    expectError(await getLesson(lesson.id, staff), 404, 'LESSON_NOT_FOUND');
    expectError(await getLesson(randomUUID()), 404, 'LESSON_NOT_FOUND');
    const bad = expectError(await getLesson('nope'), 400, 'VALIDATION_FAILED');
    expect(bad.details?.[0]?.path).toBe('/params/id');
  });
});
