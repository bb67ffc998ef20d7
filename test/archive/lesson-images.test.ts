import { describe, expect, it } from 'vitest';
import { insertEnrolment } from '../catalog/learning-fixtures.js';
import { insertCourse, insertLesson, insertSection } from '../helpers/catalog-factories.js';
import { useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { expectError } from '../helpers/factories.js';
import { ingest, skyImage } from './archive-helpers.js';

const { t, owner, otherInstructor, learner, staff } = useCatalogTestApp({
  owner: 'instructor',
  otherInstructor: 'instructor',
  learner: 'learner',
  staff: 'staff',
});

const as = (
  user: { auth: Record<string, string> } | undefined,
  url: string,
  method = 'GET',
  payload?: object,
) =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: user?.auth ?? {},
    ...(payload ? { payload } : {}),
  });

async function courseWithFileLesson() {
  const course = await insertCourse(t, { ownerId: owner.id, status: 'published' });
  const section = await insertSection(t, course.id);
  const lesson = await insertLesson(t, section, { kind: 'file', title: 'Look at M13' });
  const video = await insertLesson(t, section, { kind: 'video', position: 1 });
  return { course, lesson, video };
}

describe('archive images in lessons', () => {
  it('should serve a lesson image to enrolled learners only, by the lesson’s rule', async () => {
    const { course, lesson } = await courseWithFileLesson();
    const up = await ingest(t, owner, skyImage({ ra: 250.4, dec: 36.5, object: 'M13' }), {
      productName: 'lesson-m13',
    });
    const image = up.json().data[0];
    const attach = await as(owner, `/api/v1/archive/images/${image.id}/lessons`, 'POST', {
      courseId: course.id,
      lessonId: lesson.id,
    });
    expect(attach.statusCode, attach.body).toBe(201);
    const fileUrl = attach.json().data.fileUrl;

    // Not enrolled: the image is as if it did not exist, in reads and in searches.
    expectError(await as(learner, `/api/v1/archive/images/${image.id}`), 404, 'IMAGE_NOT_FOUND');
    expect((await as(learner, image.links.preview)).statusCode).toBe(404);
    const hidden = await as(learner, '/api/v1/archive/images?productName=lesson-m13');
    expect(hidden.json().data).toEqual([]);
    expect((await as(learner, fileUrl)).statusCode).toBe(403);

    await insertEnrolment(t, course.id, learner.id);
    expect((await as(learner, `/api/v1/archive/images/${image.id}`)).statusCode).toBe(200);
    const preview = await as(learner, image.links.preview);
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe('image/png');
    const download = await as(learner, fileUrl);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.subarray(0, 9).toString('latin1')).toBe('SIMPLE  =');
    const byCourse = await as(learner, `/api/v1/archive/images?courseId=${course.id}`);
    expect(byCourse.json().data.map((i: { id: string }) => i.id)).toEqual([image.id]);

    // Managers and the uploader keep seeing it.
    expect((await as(staff, `/api/v1/archive/images/${image.id}`)).statusCode).toBe(200);
    expect((await as(owner, `/api/v1/archive/images/${image.id}`)).statusCode).toBe(200);
  });

  it('should let only the course’s instructors attach, and only to file lessons', async () => {
    const { course, lesson, video } = await courseWithFileLesson();
    const up = await ingest(t, otherInstructor, skyImage({ ra: 1, dec: 2 }), {
      productName: 'not-theirs',
    });
    const image = up.json().data[0];
    const url = `/api/v1/archive/images/${image.id}/lessons`;
    const foreign = await as(otherInstructor, url, 'POST', {
      courseId: course.id,
      lessonId: lesson.id,
    });
    expectError(foreign, 403, 'COURSE_ACCESS_DENIED');
    const toVideo = await as(staff, url, 'POST', { courseId: course.id, lessonId: video.id });
    expectError(toVideo, 409, 'LESSON_NOT_FILE');
    const missing = await as(staff, url, 'POST', {
      courseId: course.id,
      lessonId: '01900000-0000-7000-8000-000000000000',
    });
    expectError(missing, 422, 'LESSON_NOT_FOUND');
    expect(missing.json().error.details[0].path).toBe('/body/lessonId');
    const [row] = await t.database.query<{ file_id: string | null }>(
      'select file_id from lessons where id = $1',
      [lesson.id],
    );
    expect(row!.file_id).toBeNull();
  });
});
