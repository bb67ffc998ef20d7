import { describe, expect, it } from 'vitest';
import { insertCourse, insertLesson, insertSection } from '../helpers/catalog-factories.js';
import {
  OWNER_OTHER_STAFF_LEARNER,
  UNKNOWN_ID,
  useCatalogTestApp,
} from '../helpers/catalog-test-app.js';
import { auditRows, countRows, expectError } from '../helpers/factories.js';

const { t, api, owner, otherInstructor, staff, learner } =
  useCatalogTestApp(OWNER_OTHER_STAFF_LEARNER);

/** Lessons of a section as stored: [title, position] in position order. */
async function storedLessons(sectionId: string) {
  const rows = await t.database.query<{ title: string; position: number }>(
    'select title, position from lessons where section_id = $1 order by position, id',
    [sectionId],
  );
  return rows.map((r) => [r.title, r.position]);
}

/** A course owned by `owner` with two sections; the first holds text lessons with these titles. */
async function courseWithLessons(titles = ['L0', 'L1', 'L2']) {
  const course = await insertCourse(t, { ownerId: owner.id });
  const first = await insertSection(t, course.id, 0, 'S1');
  const second = await insertSection(t, course.id, 1, 'S2');
  const lessons = [];
  for (const [position, title] of titles.entries())
    lessons.push(await insertLesson(t, first, { title, position, kind: 'text' }));
  return { course, first, second, lessons };
}

describe('POST /api/v1/courses/:id/sections/:sid/lessons', () => {
  it('should create a video lesson at the end, with everything in it, and audit it', async () => {
    const { course, first } = await courseWithLessons(['A', 'B']);
    const res = await api.send(
      'POST',
      `/courses/${course.id}/sections/${first.id}/lessons`,
      owner,
      {
        title: 'Refraction',
        kind: 'video',
        durationSeconds: 420,
        videoUrl: 'https://videos.example.org/refraction.mp4',
        body: '# Notes',
        transcript: 'WEBVTT',
        freePreview: true,
      },
    );
    expect(res.statusCode).toBe(201);
    const lesson = res.json().data;
    expect(lesson).toMatchObject({
      courseId: course.id,
      sectionId: first.id,
      title: 'Refraction',
      kind: 'video',
      position: 2,
      durationSeconds: 420,
      videoUrl: 'https://videos.example.org/refraction.mp4',
      fileId: null,
      fileUrl: null,
      body: '# Notes',
      transcript: 'WEBVTT',
      freePreview: true,
      quizId: null,
    });
    expect(lesson).not.toHaveProperty('createdBy');
    expect((await auditRows(t, 'lesson.created')).at(-1)).toMatchObject({
      actor_id: owner.id,
      resource_type: 'lesson',
      resource_id: lesson.id,
      details: { courseId: course.id, sectionId: first.id, kind: 'video' },
    });
  });

  it('should insert at a position and shift the lessons after it', async () => {
    const { course, first } = await courseWithLessons(['A', 'B']);
    const res = await api.send(
      'POST',
      `/courses/${course.id}/sections/${first.id}/lessons`,
      staff,
      {
        title: 'New',
        kind: 'text',
        position: 1,
      },
    );
    expect(res.json().data.position).toBe(1);
    expect(await storedLessons(first.id)).toEqual([
      ['A', 0],
      ['New', 1],
      ['B', 2],
    ]);
  });

  it('should refuse fields that do not fit the kind, bad URLs and bad positions with 400', async () => {
    const { course, first } = await courseWithLessons(['A']);
    const url = `/courses/${course.id}/sections/${first.id}/lessons`;
    const misfit = expectError(
      await api.send('POST', url, owner, {
        title: 'T',
        kind: 'text',
        videoUrl: 'https://videos.example.org/x.mp4',
        transcript: 'x',
      }),
      400,
      'INVALID_LESSON',
    );
    expect(misfit.details?.map((d) => d.path)).toEqual(['/body/videoUrl', '/body/transcript']);
    for (const videoUrl of ['ftp://videos.example.org/x.mp4', 'javascript:alert(1)', 'not a url']) {
      const bad = expectError(
        await api.send('POST', url, owner, { title: 'V', kind: 'video', videoUrl }),
        400,
        'VALIDATION_FAILED',
      );
      expect(bad.details?.[0]?.path).toBe('/body/videoUrl');
    }
    expectError(
      await api.send('POST', url, owner, { title: 'V', kind: 'podcast' }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await api.send('POST', url, owner, { kind: 'text' }), 400, 'VALIDATION_FAILED');
    expectError(
      await api.send('POST', url, owner, { title: 'V', kind: 'text', position: 2 }),
      400,
      'POSITION_OUT_OF_RANGE',
    );
    expect(await storedLessons(first.id)).toEqual([['A', 0]]);
  });

  it('should answer 401, 403 and 404 without creating anything', async () => {
    const { course, first } = await courseWithLessons(['A']);
    const other = await courseWithLessons([]);
    const before = await countRows(t, 'lessons');
    const url = `/courses/${course.id}/sections/${first.id}/lessons`;
    const body = { title: 'X', kind: 'text' };
    expectError(await api.send('POST', url, undefined, body), 401, 'UNAUTHORIZED');
    expectError(await api.send('POST', url, learner, body), 403, 'PERMISSION_DENIED');
    expectError(await api.send('POST', url, otherInstructor, body), 403, 'NOT_COURSE_INSTRUCTOR');
    expectError(
      await api.send(
        'POST',
        `/courses/${course.id}/sections/${other.first.id}/lessons`,
        owner,
        body,
      ),
      404,
      'SECTION_NOT_FOUND',
    );
    await t.database.query('update courses set deleted_at = now() where id = $1', [course.id]);
    expectError(await api.send('POST', url, owner, body), 404, 'COURSE_NOT_FOUND');
    expect(await countRows(t, 'lessons')).toBe(before);
  });
});

describe('GET /api/v1/courses/:id/lessons/:lid', () => {
  it('should show its instructors and staff everything, with an ETag', async () => {
    const { course, first } = await courseWithLessons([]);
    const lesson = await insertLesson(t, first, { title: 'V' });
    await t.database.query(
      "update lessons set body = 'notes', transcript = 'WEBVTT' where id = $1",
      [lesson.id],
    );
    const res = await api.send('GET', `/courses/${course.id}/lessons/${lesson.id}`, owner);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      id: lesson.id,
      videoUrl: 'https://videos.example.org/lesson.mp4',
      body: 'notes',
      transcript: 'WEBVTT',
    });
    expect(res.headers.etag).toBeDefined();
    expect(
      (await api.send('GET', `/courses/${course.slug}/lessons/${lesson.id}`, staff)).statusCode,
    ).toBe(200);
  });

  it('should answer 400, 401, 403 and 404', async () => {
    const { course, lessons } = await courseWithLessons(['A']);
    const other = await courseWithLessons(['B']);
    const url = `/courses/${course.id}/lessons/${lessons[0]!.id}`;
    expectError(
      await api.send('GET', `/courses/${course.id}/lessons/x`, owner),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await api.send('GET', url), 401, 'UNAUTHORIZED');
    expectError(await api.send('GET', url, learner), 403, 'PERMISSION_DENIED');
    expectError(await api.send('GET', url, otherInstructor), 403, 'NOT_COURSE_INSTRUCTOR');
    expectError(
      await api.send('GET', `/courses/${course.id}/lessons/${other.lessons[0]!.id}`, owner),
      404,
      'LESSON_NOT_FOUND',
    );
  });
});

describe('PATCH /api/v1/courses/:id/lessons/:lid', () => {
  it('should change fields, record who did it and audit which fields changed', async () => {
    const { course, lessons } = await courseWithLessons(['A']);
    const res = await api.send('PATCH', `/courses/${course.id}/lessons/${lessons[0]!.id}`, owner, {
      title: 'Renamed',
      freePreview: true,
      body: 'Read this',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      title: 'Renamed',
      freePreview: true,
      body: 'Read this',
    });
    const [row] = await t.database.query<{ updated_by: string }>(
      'select updated_by from lessons where id = $1',
      [lessons[0]!.id],
    );
    expect(row!.updated_by).toBe(owner.id);
    expect((await auditRows(t, 'lesson.updated')).at(-1)).toMatchObject({
      resource_id: lessons[0]!.id,
      details: { courseId: course.id, fields: ['body', 'freePreview', 'title'] },
    });
  });

  it('should turn a video lesson into a text one only when its video fields are cleared', async () => {
    const { course, first } = await courseWithLessons([]);
    const video = await insertLesson(t, first, { title: 'V' });
    const url = `/courses/${course.id}/lessons/${video.id}`;
    const refused = expectError(
      await api.send('PATCH', url, owner, { kind: 'text' }),
      400,
      'INVALID_LESSON',
    );
    expect(refused.details?.[0]?.path).toBe('/body/videoUrl');
    expect((await api.send('GET', url, owner)).json().data.kind).toBe('video');
    const res = await api.send('PATCH', url, owner, { kind: 'text', videoUrl: null });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({ kind: 'text', videoUrl: null });
    expectError(
      await api.send('PATCH', url, owner, { videoUrl: 'https://videos.example.org/x.mp4' }),
      400,
      'INVALID_LESSON',
    );
  });

  it('should keep a quiz lesson that presents a quiz a quiz lesson (409)', async () => {
    const { course, first } = await courseWithLessons([]);
    const quizLesson = await insertLesson(t, first, { title: 'Q', kind: 'quiz' });
    const quiz = await api.send('POST', `/courses/${course.id}/quizzes`, owner, {
      title: 'Check',
      lessonId: quizLesson.id,
      questions: [
        {
          prompt: '1 + 1?',
          kind: 'single',
          options: [
            { text: '2', correct: true },
            { text: '3', correct: false },
          ],
        },
      ],
    });
    expect(quiz.statusCode).toBe(201);
    const url = `/courses/${course.id}/lessons/${quizLesson.id}`;
    expect((await api.send('GET', url, owner)).json().data.quizId).toBe(quiz.json().data.id);
    expectError(await api.send('PATCH', url, owner, { kind: 'text' }), 409, 'LESSON_HAS_QUIZ');
    expect((await api.send('GET', url, owner)).json().data.kind).toBe('quiz');
  });

  it('should answer 400, 401, 403 and 404 and leave the lesson unchanged', async () => {
    const { course, lessons } = await courseWithLessons(['A']);
    const url = `/courses/${course.id}/lessons/${lessons[0]!.id}`;
    expectError(await api.send('PATCH', url, owner, {}), 400, 'VALIDATION_FAILED');
    expectError(
      await api.send('PATCH', url, owner, { durationSeconds: -5 }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await api.send('PATCH', url, owner, { slug: 'x' }), 400, 'VALIDATION_FAILED');
    expectError(await api.send('PATCH', url, undefined, { title: 'X' }), 401, 'UNAUTHORIZED');
    expectError(await api.send('PATCH', url, learner, { title: 'X' }), 403, 'PERMISSION_DENIED');
    expectError(
      await api.send('PATCH', url, otherInstructor, { title: 'X' }),
      403,
      'NOT_COURSE_INSTRUCTOR',
    );
    expectError(
      await api.send('PATCH', `/courses/${course.id}/lessons/${UNKNOWN_ID}`, owner, { title: 'X' }),
      404,
      'LESSON_NOT_FOUND',
    );
    expect((await api.send('GET', url, owner)).json().data).toMatchObject({
      title: 'A',
      durationSeconds: 600,
    });
  });
});

describe('DELETE /api/v1/courses/:id/lessons/:lid', () => {
  it('should delete the lesson, close the gap in its section and audit it', async () => {
    const { course, first, lessons } = await courseWithLessons(['A', 'B', 'C']);
    const res = await api.send('DELETE', `/courses/${course.id}/lessons/${lessons[0]!.id}`, owner);
    expect(res.statusCode).toBe(204);
    expect(await storedLessons(first.id)).toEqual([
      ['B', 0],
      ['C', 1],
    ]);
    expect((await auditRows(t, 'lesson.deleted')).at(-1)).toMatchObject({
      resource_id: lessons[0]!.id,
      details: { courseId: course.id, sectionId: first.id, title: 'A' },
    });
    expectError(
      await api.send('DELETE', `/courses/${course.id}/lessons/${lessons[0]!.id}`, owner),
      404,
      'LESSON_NOT_FOUND',
    );
  });

  it('should answer 401 and 403 and keep the lesson', async () => {
    const { course, first, lessons } = await courseWithLessons(['A']);
    const url = `/courses/${course.id}/lessons/${lessons[0]!.id}`;
    expectError(await api.send('DELETE', url), 401, 'UNAUTHORIZED');
    expectError(await api.send('DELETE', url, learner), 403, 'PERMISSION_DENIED');
    expectError(await api.send('DELETE', url, otherInstructor), 403, 'NOT_COURSE_INSTRUCTOR');
    expect(await storedLessons(first.id)).toEqual([['A', 0]]);
  });
});

describe('POST /api/v1/courses/:id/lessons/:lid/move', () => {
  it('should move a lesson within its section', async () => {
    const { course, first, lessons } = await courseWithLessons(['A', 'B', 'C']);
    const res = await api.send(
      'POST',
      `/courses/${course.id}/lessons/${lessons[2]!.id}/move`,
      owner,
      {
        position: 0,
      },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({ id: lessons[2]!.id, sectionId: first.id, position: 0 });
    expect(await storedLessons(first.id)).toEqual([
      ['C', 0],
      ['A', 1],
      ['B', 2],
    ]);
    expect((await auditRows(t, 'lesson.moved')).at(-1)).toMatchObject({
      resource_id: lessons[2]!.id,
      details: {
        from: { sectionId: first.id, position: 2 },
        to: { sectionId: first.id, position: 0 },
      },
    });
  });

  it('should move a lesson to another section, keeping both dense', async () => {
    const { course, first, second, lessons } = await courseWithLessons(['A', 'B', 'C']);
    await insertLesson(t, second, { title: 'X', kind: 'text' });
    await insertLesson(t, second, { title: 'Y', kind: 'text', position: 1 });
    const url = `/courses/${course.id}/lessons/${lessons[1]!.id}/move`;
    const res = await api.send('POST', url, owner, { sectionId: second.id, position: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({ sectionId: second.id, position: 1 });
    expect(await storedLessons(first.id)).toEqual([
      ['A', 0],
      ['C', 1],
    ]);
    expect(await storedLessons(second.id)).toEqual([
      ['X', 0],
      ['B', 1],
      ['Y', 2],
    ]);
    // The end of another section is one past its last lesson.
    const back = await api.send('POST', url, owner, { sectionId: first.id, position: 2 });
    expect(back.statusCode).toBe(200);
    expect(await storedLessons(first.id)).toEqual([
      ['A', 0],
      ['C', 1],
      ['B', 2],
    ]);
  });

  it('should refuse out-of-range positions with 400 and sections of other courses with 404', async () => {
    const { course, first, second, lessons } = await courseWithLessons(['A', 'B']);
    const other = await courseWithLessons([]);
    const url = `/courses/${course.id}/lessons/${lessons[0]!.id}/move`;
    const within = expectError(
      await api.send('POST', url, owner, { position: 2 }),
      400,
      'POSITION_OUT_OF_RANGE',
    );
    expect(within.details?.[0]).toMatchObject({ max: 1 });
    const across = expectError(
      await api.send('POST', url, owner, { sectionId: second.id, position: 1 }),
      400,
      'POSITION_OUT_OF_RANGE',
    );
    expect(across.details?.[0]).toMatchObject({ max: 0 });
    expectError(
      await api.send('POST', url, owner, { sectionId: other.first.id, position: 0 }),
      404,
      'SECTION_NOT_FOUND',
    );
    expectError(
      await api.send('POST', url, owner, { sectionId: 'x', position: 0 }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await storedLessons(first.id)).toEqual([
      ['A', 0],
      ['B', 1],
    ]);
    expect(await storedLessons(second.id)).toEqual([]);
  });

  it('should answer 401, 403 and 404 and move nothing', async () => {
    const { course, first, lessons } = await courseWithLessons(['A', 'B']);
    const url = `/courses/${course.id}/lessons/${lessons[0]!.id}/move`;
    expectError(await api.send('POST', url, undefined, { position: 1 }), 401, 'UNAUTHORIZED');
    expectError(await api.send('POST', url, learner, { position: 1 }), 403, 'PERMISSION_DENIED');
    expectError(
      await api.send('POST', url, otherInstructor, { position: 1 }),
      403,
      'NOT_COURSE_INSTRUCTOR',
    );
    expectError(
      await api.send('POST', `/courses/${course.id}/lessons/${UNKNOWN_ID}/move`, owner, {
        position: 0,
      }),
      404,
      'LESSON_NOT_FOUND',
    );
    expect(await storedLessons(first.id)).toEqual([
      ['A', 0],
      ['B', 1],
    ]);
  });
});
