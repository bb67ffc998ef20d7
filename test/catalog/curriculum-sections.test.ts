import { describe, expect, it } from 'vitest';
import {
  insertCourse,
  insertLesson,
  insertPublishedCourse,
  insertSection,
} from '../helpers/catalog-factories.js';
import {
  OWNER_OTHER_STAFF_LEARNER,
  UNKNOWN_ID,
  useCatalogTestApp,
} from '../helpers/catalog-test-app.js';
import { countQueries } from '../helpers/count-queries.js';
import { auditRows, countRows, expectError, type TestUser } from '../helpers/factories.js';

const { t, api, owner, otherInstructor, staff, learner } =
  useCatalogTestApp(OWNER_OTHER_STAFF_LEARNER);

/** Sections of a course as stored: [title, position] in position order. */
async function storedSections(courseId: string) {
  const rows = await t.database.query<{ title: string; position: number }>(
    'select title, position from course_sections where course_id = $1 order by position, id',
    [courseId],
  );
  return rows.map((r) => [r.title, r.position]);
}

/** A draft course owned by `owner` with sections A, B, C (positions 0, 1, 2). */
async function courseWithSections(titles = ['A', 'B', 'C']) {
  const course = await insertCourse(t, { ownerId: owner.id });
  const sections = [];
  for (const [i, title] of titles.entries())
    sections.push(await insertSection(t, course.id, i, title));
  return { course, sections };
}

async function softDelete(courseId: string) {
  await t.database.query('update courses set deleted_at = now() where id = $1', [courseId]);
}

describe('GET /api/v1/courses/:id/sections', () => {
  it('should give anyone the outline of a published course, in order, without lesson content', async () => {
    const { course, section } = await insertPublishedCourse(t, owner.id);
    const second = await insertSection(t, course.id, 1, 'Week 2');
    await insertLesson(t, second, { title: 'L2b', position: 1, kind: 'text' });
    await insertLesson(t, second, { title: 'L2a', position: 0, freePreview: true });
    const res = await api.send('GET', `/courses/${course.id}/sections`);
    expect(res.statusCode).toBe(200);
    const data = res.json().data;
    expect(data.map((s: { id: string }) => s.id)).toEqual([section.id, second.id]);
    expect(data[1].lessons.map((l: { title: string }) => l.title)).toEqual(['L2a', 'L2b']);
    expect(data[1].lessons[0]).toEqual({
      id: expect.any(String),
      courseId: course.id,
      sectionId: second.id,
      title: 'L2a',
      kind: 'video',
      position: 0,
      durationSeconds: 600,
      freePreview: true,
    });
    expect(res.body).not.toMatch(/videoUrl|transcript|"body"|fileUrl/);
    // By slug too; a learner sees the same public view.
    const bySlug = await api.send('GET', `/courses/${course.slug}/sections`, learner);
    expect(bySlug.json().data).toEqual(data);
  });

  it('should show lesson content fields to those who manage the course', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    for (const user of [owner, staff]) {
      const lesson = (await api.send('GET', `/courses/${course.id}/sections`, user)).json().data[0]
        .lessons[0];
      expect(lesson).toMatchObject({
        videoUrl: 'https://videos.example.org/lesson.mp4',
        fileUrl: null,
        body: null,
        transcript: null,
      });
    }
    const other = (await api.send('GET', `/courses/${course.id}/sections`, otherInstructor)).json();
    expect(other.data[0].lessons[0]).not.toHaveProperty('videoUrl');
  });

  it('should show a fresh outline after a change and answer 304 to a matching ETag', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    const first = await api.send('GET', `/courses/${course.id}/sections`);
    expect(first.json().data).toHaveLength(1);
    const cached = await t.app.inject({
      url: `/api/v1/courses/${course.id}/sections`,
      headers: { 'if-none-match': first.headers.etag as string },
    });
    expect(cached.statusCode).toBe(304);
    await api.send('POST', `/courses/${course.id}/sections`, owner, { title: 'Added' });
    const after = await api.send('GET', `/courses/${course.id}/sections`);
    expect(after.json().data.map((s: { title: string }) => s.title)).toEqual(['Week 1', 'Added']);
    expect(after.headers.etag).not.toBe(first.headers.etag);
  });

  it('should show a draft only to its instructors and staff: 404 to everyone else', async () => {
    const { course } = await courseWithSections();
    expect((await api.send('GET', `/courses/${course.id}/sections`, owner)).statusCode).toBe(200);
    expect((await api.send('GET', `/courses/${course.id}/sections`, staff)).statusCode).toBe(200);
    expectError(await api.send('GET', `/courses/${course.id}/sections`), 404, 'COURSE_NOT_FOUND');
    expectError(
      await api.send('GET', `/courses/${course.slug}/sections`, learner),
      404,
      'COURSE_NOT_FOUND',
    );
  });

  it('should answer 404 for unknown and deleted courses, 400 for a malformed id', async () => {
    expectError(await api.send('GET', `/courses/${UNKNOWN_ID}/sections`), 404, 'COURSE_NOT_FOUND');
    const { course } = await insertPublishedCourse(t, owner.id);
    await softDelete(course.id);
    expectError(
      await api.send('GET', `/courses/${course.id}/sections`, owner),
      404,
      'COURSE_NOT_FOUND',
    );
    const bad = expectError(
      await api.send('GET', '/courses/no%20way!/sections'),
      400,
      'VALIDATION_FAILED',
    );
    expect(bad.details?.[0]?.path).toBe('/params/id');
  });
});

/** The statements one request sends (matched by its request id, so background work is left out). */
async function statementsOf(url: string, user: TestUser) {
  const { response, statements } = await countQueries(t, (requestId) =>
    t.app.inject({ url, headers: { ...user.auth, 'x-request-id': requestId } }),
  );
  expect(response.statusCode).toBe(200);
  return statements;
}

describe('GET /api/v1/courses/:id/sections (queries)', () => {
  it('should read sections and lessons in two queries, however many there are', async () => {
    const small = await courseWithSections(['A']);
    await insertLesson(t, small.sections[0]!);
    const big = await courseWithSections(['A', 'B', 'C', 'D']);
    for (const section of big.sections)
      for (const position of [0, 1, 2]) await insertLesson(t, section, { position });
    const few = await statementsOf(`/api/v1/courses/${small.course.id}/sections`, owner);
    const many = await statementsOf(`/api/v1/courses/${big.course.id}/sections`, owner);
    expect(many.length).toBe(few.length);
    expect(many.filter((q) => /from "(course_sections|lessons)"/.test(q))).toHaveLength(2);
  });
});

describe('POST /api/v1/courses/:id/sections', () => {
  it('should append by default, insert at a position, keep positions dense and audit', async () => {
    const { course } = await courseWithSections(['A', 'B']);
    const appended = await api.send('POST', `/courses/${course.id}/sections`, owner, {
      title: 'C',
    });
    expect(appended.statusCode).toBe(201);
    expect(appended.json().data).toMatchObject({ courseId: course.id, title: 'C', position: 2 });
    const first = await api.send('POST', `/courses/${course.id}/sections`, owner, {
      title: 'Intro',
      position: 0,
    });
    expect(first.json().data.position).toBe(0);
    const middle = await api.send('POST', `/courses/${course.id}/sections`, staff, {
      title: 'Mid',
      position: 2,
    });
    expect(middle.statusCode).toBe(201);
    expect(await storedSections(course.id)).toEqual([
      ['Intro', 0],
      ['A', 1],
      ['Mid', 2],
      ['B', 3],
      ['C', 4],
    ]);
    expect((await auditRows(t, 'section.created')).at(-1)).toMatchObject({
      actor_id: staff.id,
      resource_type: 'section',
      resource_id: middle.json().data.id,
      details: { courseId: course.id, title: 'Mid', position: 2 },
    });
    // One past the end is the end.
    const end = await api.send('POST', `/courses/${course.id}/sections`, owner, {
      title: 'End',
      position: 5,
    });
    expect(end.json().data.position).toBe(5);
  });

  it('should refuse a position beyond the end with 400 and change nothing', async () => {
    const { course } = await courseWithSections(['A', 'B']);
    const error = expectError(
      await api.send('POST', `/courses/${course.id}/sections`, owner, { title: 'X', position: 3 }),
      400,
      'POSITION_OUT_OF_RANGE',
    );
    expect(error.details?.[0]).toMatchObject({ path: '/body/position', max: 2 });
    expect(await storedSections(course.id)).toEqual([
      ['A', 0],
      ['B', 1],
    ]);
  });

  it('should answer 400 for invalid bodies', async () => {
    const { course } = await courseWithSections([]);
    for (const payload of [
      {},
      { title: '' },
      { title: 'x', position: -1 },
      { title: 'x', extra: 1 },
    ]) {
      expectError(
        await api.send('POST', `/courses/${course.id}/sections`, owner, payload),
        400,
        'VALIDATION_FAILED',
      );
    }
    expect(await storedSections(course.id)).toEqual([]);
  });

  it('should answer 401, 403 and 404 without changing anything', async () => {
    const { course } = await courseWithSections(['A']);
    const before = await countRows(t, 'course_sections');
    const url = `/courses/${course.id}/sections`;
    expectError(await api.send('POST', url, undefined, { title: 'X' }), 401, 'UNAUTHORIZED');
    expectError(await api.send('POST', url, learner, { title: 'X' }), 403, 'PERMISSION_DENIED');
    expectError(
      await api.send('POST', url, otherInstructor, { title: 'X' }),
      403,
      'NOT_COURSE_INSTRUCTOR',
    );
    expectError(
      await api.send('POST', `/courses/${UNKNOWN_ID}/sections`, owner, { title: 'X' }),
      404,
      'COURSE_NOT_FOUND',
    );
    await softDelete(course.id);
    expectError(await api.send('POST', url, owner, { title: 'X' }), 404, 'COURSE_NOT_FOUND');
    expect(await countRows(t, 'course_sections')).toBe(before);
  });
});

describe('PATCH /api/v1/courses/:id/sections/:sid', () => {
  it('should rename a section and audit the change', async () => {
    const { course, sections } = await courseWithSections(['A', 'B']);
    const res = await api.send(
      'PATCH',
      `/courses/${course.id}/sections/${sections[1]!.id}`,
      owner,
      {
        title: 'Optics',
      },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({ id: sections[1]!.id, title: 'Optics', position: 1 });
    expect((await auditRows(t, 'section.updated')).at(-1)).toMatchObject({
      resource_id: sections[1]!.id,
      details: { before: { title: 'B' }, after: { title: 'Optics' } },
    });
  });

  it('should answer 400, 401, 403 and 404 and leave the title alone', async () => {
    const { course, sections } = await courseWithSections(['A']);
    const other = await courseWithSections(['Elsewhere']);
    const url = `/courses/${course.id}/sections/${sections[0]!.id}`;
    expectError(await api.send('PATCH', url, owner, { title: '' }), 400, 'VALIDATION_FAILED');
    expectError(await api.send('PATCH', url, owner, {}), 400, 'VALIDATION_FAILED');
    expectError(
      await api.send('PATCH', `/courses/${course.id}/sections/42`, owner, { title: 'X' }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await api.send('PATCH', url, undefined, { title: 'X' }), 401, 'UNAUTHORIZED');
    expectError(
      await api.send('PATCH', url, otherInstructor, { title: 'X' }),
      403,
      'NOT_COURSE_INSTRUCTOR',
    );
    // A section of another course is not found through this one.
    expectError(
      await api.send('PATCH', `/courses/${course.id}/sections/${other.sections[0]!.id}`, owner, {
        title: 'X',
      }),
      404,
      'SECTION_NOT_FOUND',
    );
    expect(await storedSections(course.id)).toEqual([['A', 0]]);
    expect(await storedSections(other.course.id)).toEqual([['Elsewhere', 0]]);
  });
});

describe('DELETE /api/v1/courses/:id/sections/:sid', () => {
  it('should delete the section with its lessons and close the gap', async () => {
    const { course, sections } = await courseWithSections(['A', 'B', 'C']);
    await insertLesson(t, sections[1]!, { title: 'B1' });
    await insertLesson(t, sections[1]!, { title: 'B2', position: 1 });
    const kept = await insertLesson(t, sections[2]!, { title: 'C1' });
    const res = await api.send(
      'DELETE',
      `/courses/${course.id}/sections/${sections[1]!.id}`,
      owner,
    );
    expect(res.statusCode).toBe(204);
    expect(await storedSections(course.id)).toEqual([
      ['A', 0],
      ['C', 1],
    ]);
    const lessons = await t.database.query<{ id: string }>(
      'select id from lessons where course_id = $1',
      [course.id],
    );
    expect(lessons.map((l) => l.id)).toEqual([kept.id]);
    expect((await auditRows(t, 'section.deleted')).at(-1)).toMatchObject({
      actor_id: owner.id,
      resource_id: sections[1]!.id,
      details: { courseId: course.id, title: 'B', lessonsDeleted: 2 },
    });
    expectError(
      await api.send('DELETE', `/courses/${course.id}/sections/${sections[1]!.id}`, owner),
      404,
      'SECTION_NOT_FOUND',
    );
  });

  it('should answer 401 and 403 and keep the section and its lessons', async () => {
    const { course, sections } = await courseWithSections(['A']);
    await insertLesson(t, sections[0]!);
    const before = await countRows(t, 'lessons');
    const url = `/courses/${course.id}/sections/${sections[0]!.id}`;
    expectError(await api.send('DELETE', url), 401, 'UNAUTHORIZED');
    expectError(await api.send('DELETE', url, learner), 403, 'PERMISSION_DENIED');
    expectError(await api.send('DELETE', url, otherInstructor), 403, 'NOT_COURSE_INSTRUCTOR');
    expect(await storedSections(course.id)).toEqual([['A', 0]]);
    expect(await countRows(t, 'lessons')).toBe(before);
  });
});

describe('POST /api/v1/courses/:id/sections/:sid/move', () => {
  it('should move sections down and up, keeping positions dense and unique', async () => {
    const { course, sections } = await courseWithSections(['A', 'B', 'C', 'D']);
    const move = (index: number, position: number) =>
      api.send('POST', `/courses/${course.id}/sections/${sections[index]!.id}/move`, owner, {
        position,
      });
    const down = await move(0, 2);
    expect(down.statusCode).toBe(200);
    expect(down.json().data).toMatchObject({ title: 'A', position: 2 });
    expect(await storedSections(course.id)).toEqual([
      ['B', 0],
      ['C', 1],
      ['A', 2],
      ['D', 3],
    ]);
    await move(3, 0);
    expect(await storedSections(course.id)).toEqual([
      ['D', 0],
      ['B', 1],
      ['C', 2],
      ['A', 3],
    ]);
    expect((await move(1, 1)).json().data.position).toBe(1);
    expect((await auditRows(t, 'section.moved')).at(-2)).toMatchObject({
      resource_id: sections[3]!.id,
      details: { courseId: course.id, from: 3, to: 0 },
    });
  });

  it('should refuse a position past the last section with 400 and move nothing', async () => {
    const { course, sections } = await courseWithSections(['A', 'B']);
    const url = `/courses/${course.id}/sections/${sections[0]!.id}/move`;
    const error = expectError(
      await api.send('POST', url, owner, { position: 2 }),
      400,
      'POSITION_OUT_OF_RANGE',
    );
    expect(error.details?.[0]).toMatchObject({ path: '/body/position', max: 1 });
    expectError(await api.send('POST', url, owner, { position: -1 }), 400, 'VALIDATION_FAILED');
    expectError(await api.send('POST', url, owner, {}), 400, 'VALIDATION_FAILED');
    expect(await storedSections(course.id)).toEqual([
      ['A', 0],
      ['B', 1],
    ]);
  });

  it('should answer 401, 403 and 404 and move nothing', async () => {
    const { course, sections } = await courseWithSections(['A', 'B']);
    const url = `/courses/${course.id}/sections/${sections[0]!.id}/move`;
    expectError(await api.send('POST', url, undefined, { position: 1 }), 401, 'UNAUTHORIZED');
    expectError(await api.send('POST', url, learner, { position: 1 }), 403, 'PERMISSION_DENIED');
    expectError(
      await api.send('POST', url, otherInstructor, { position: 1 }),
      403,
      'NOT_COURSE_INSTRUCTOR',
    );
    expectError(
      await api.send('POST', `/courses/${course.id}/sections/${UNKNOWN_ID}/move`, owner, {
        position: 0,
      }),
      404,
      'SECTION_NOT_FOUND',
    );
    expect(await storedSections(course.id)).toEqual([
      ['A', 0],
      ['B', 1],
    ]);
  });
});
