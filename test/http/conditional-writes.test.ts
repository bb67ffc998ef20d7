import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import {
  insertCategory,
  insertCourse,
  insertLesson,
  insertPublishedCourse,
  insertSection,
} from '../helpers/catalog-factories.js';
import { UNKNOWN_ID, useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { createUserAndLogin, expectError } from '../helpers/factories.js';

const { t, api, owner, admin, staff } = useCatalogTestApp({
  owner: 'instructor',
  admin: 'admin',
  staff: 'staff',
});

/** A resource that takes `If-Match`: how to read it, and one write of it (`undefined`: no header). */
interface Conditional {
  read(): Promise<LightMyRequestResponse>;
  write(ifMatch: string | undefined): Promise<LightMyRequestResponse>;
  /** Whether a write without `If-Match` is refused with 428 (else it proceeds). */
  required: boolean;
}

const etagOf = (res: LightMyRequestResponse) => res.headers.etag as string;

/**
 * The RFC 9110 rules, the same on every resource: the GET's ETag works in `If-Match`; a stale
 * or weak tag is a 412 carrying the current ETag and changes nothing; a list matches when any
 * member does; `*` matches the current state; a malformed header is a 400; a write answers with
 * the ETag the next GET sends.
 */
async function expectIfMatchRules(resource: Conditional) {
  const read = await resource.read();
  expect(read.statusCode).toBe(200);
  const first = etagOf(read);
  expect(first).toMatch(/^"\d+"$/);

  const written = await resource.write(first);
  expect(written.statusCode).toBe(200);
  const second = etagOf(written);
  expect(second).toMatch(/^"\d+"$/);
  expect(second).not.toBe(first);
  expect(etagOf(await resource.read())).toBe(second);

  const stale = await resource.write(first);
  expectError(stale, 412, 'VERSION_MISMATCH');
  expect(etagOf(stale)).toBe(second);
  const weak = await resource.write(`W/${second}`);
  expectError(weak, 412, 'VERSION_MISMATCH');
  expect(etagOf(weak)).toBe(second);
  expectError(await resource.write(`${first}, "not-a-version"`), 412, 'VERSION_MISMATCH');
  expectError(await resource.write('banana'), 400, 'INVALID_IF_MATCH');
  expectError(await resource.write(`${second}, banana`), 400, 'INVALID_IF_MATCH');
  // None of the refused writes changed anything.
  expect(etagOf(await resource.read())).toBe(second);

  const listed = await resource.write(`${first}, ${second}`);
  expect(listed.statusCode).toBe(200);
  const third = etagOf(listed);
  expect(third).not.toBe(second);

  const any = await resource.write('*');
  expect(any.statusCode).toBe(200);
  const fourth = etagOf(any);
  expect(fourth).not.toBe(third);
  expect(etagOf(await resource.read())).toBe(fourth);

  const absent = await resource.write(undefined);
  if (resource.required) {
    expectError(absent, 428, 'PRECONDITION_REQUIRED');
    expect(etagOf(await resource.read())).toBe(fourth);
  } else {
    expect(absent.statusCode).toBe(200);
    expect(etagOf(await resource.read())).toBe(etagOf(absent));
  }
}

const ifMatch = (tag: string | undefined): Record<string, string> =>
  tag === undefined ? {} : { 'if-match': tag };

describe('If-Match on PATCH /api/v1/courses/:id', () => {
  it('should follow the RFC 9110 rules with the ETag the detail sends', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    let n = 0;
    await expectIfMatchRules({
      required: true,
      read: () => api.get(`/courses/${course.id}`, owner),
      write: (tag) =>
        api.patch(`/courses/${course.id}`, owner, { title: `Title ${++n}` }, ifMatch(tag)),
    });
  });

  it('should accept the ETag of the detail whatever include was asked', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    const outline = await api.get(`/courses/${course.id}?include=sections,lessons,instructors`);
    const plain = await api.get(`/courses/${course.slug}`);
    expect(etagOf(outline)).toBe(etagOf(plain));
    const res = await api.patch(
      `/courses/${course.id}`,
      owner,
      { title: 'Renamed' },
      ifMatch(etagOf(outline)),
    );
    expect(res.statusCode).toBe(200);
    expect(etagOf(res)).toBe(`"${res.json().data.version}"`);
  });

  it('should tag a created course as its detail is tagged', async () => {
    const created = await api.post('/courses', owner, { title: 'Tagged from the start' });
    expect(created.statusCode).toBe(201);
    const detail = await api.get(`/courses/${created.json().data.id}`, owner);
    expect(etagOf(created)).toBe(etagOf(detail));
    expect(etagOf(created)).toBe('"1"');
  });

  it('should let only one of two writers with the same ETag through', async () => {
    const course = await insertCourse(t, { ownerId: owner.id });
    const tag = etagOf(await api.get(`/courses/${course.id}`, owner));
    const results = await Promise.all(
      ['A', 'B'].map((title) => api.patch(`/courses/${course.id}`, owner, { title }, ifMatch(tag))),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    const winner = results.find((r) => r.statusCode === 200)!;
    expect((await api.get(`/courses/${course.id}`, owner)).json().data.title).toBe(
      winner.json().data.title,
    );
  });

  it('should answer 404, not 412, for a course that does not exist', async () => {
    expectError(
      await api.patch(`/courses/${UNKNOWN_ID}`, owner, { title: 'X' }, ifMatch('*')),
      404,
      'COURSE_NOT_FOUND',
    );
  });
});

describe('If-Match on the course workflow and DELETE', () => {
  it('should honour an optional If-Match on publish/unpublish and answer with the new ETag', async () => {
    const { course } = await insertPublishedCourse(t, owner.id, { summary: 'A summary' });
    const before = etagOf(await api.get(`/courses/${course.id}`, owner));
    expectError(
      await api.post(`/courses/${course.id}/unpublish`, owner, {}, ifMatch('"999"')),
      412,
      'VERSION_MISMATCH',
    );
    const unpublished = await api.post(
      `/courses/${course.id}/unpublish`,
      owner,
      {},
      ifMatch(before),
    );
    expect(unpublished.statusCode).toBe(200);
    expect(unpublished.json().data.status).toBe('draft');
    expect(etagOf(await api.get(`/courses/${course.id}`, owner))).toBe(etagOf(unpublished));
    expectError(
      await api.post(`/courses/${course.id}/publish`, owner, {}, ifMatch(before)),
      412,
      'VERSION_MISMATCH',
    );
    const published = await api.post(`/courses/${course.id}/publish`, owner);
    expect(published.statusCode).toBe(200);
    expect(etagOf(await api.get(`/courses/${course.id}`))).toBe(etagOf(published));
  });

  it('should refuse to delete a course changed since it was read', async () => {
    const course = await insertCourse(t, { ownerId: owner.id });
    const before = etagOf(await api.get(`/courses/${course.id}`, owner));
    await api.patch(`/courses/${course.id}`, owner, { title: 'Changed' }, ifMatch(before));
    const refused = await api.send('DELETE', `/courses/${course.id}`, owner, undefined, {
      'if-match': before,
    });
    expectError(refused, 412, 'VERSION_MISMATCH');
    expect((await api.get(`/courses/${course.id}`, owner)).statusCode).toBe(200);
    const deleted = await api.send('DELETE', `/courses/${course.id}`, owner, undefined, {
      'if-match': '*',
    });
    expect(deleted.statusCode).toBe(204);
  });
});

describe('the course ETag as a validator', () => {
  /** The detail's ETag, and whether a GET with the old one still answers 304. */
  async function tagMoves(courseId: string, change: () => Promise<LightMyRequestResponse>) {
    const before = await api.get(`/courses/${courseId}?include=sections,lessons,instructors`);
    const changed = await change();
    expect(changed.statusCode).toBeLessThan(300);
    const after = await api.get(
      `/courses/${courseId}?include=sections,lessons,instructors`,
      owner,
      {
        'if-none-match': etagOf(before),
      },
    );
    expect(after.statusCode).toBe(200);
    expect(etagOf(after)).toBe(`"${after.json().data.version}"`);
    expectError(
      await api.patch(`/courses/${courseId}`, owner, { title: 'Late' }, ifMatch(etagOf(before))),
      412,
      'VERSION_MISMATCH',
    );
  }

  it('should move when the outline changes', async () => {
    const { course, section } = await insertPublishedCourse(t, owner.id);
    await tagMoves(course.id, () =>
      api.post(`/courses/${course.id}/sections`, owner, { title: 'Week 2' }),
    );
    await tagMoves(course.id, () =>
      api.patch(`/courses/${course.id}/sections/${section.id}`, owner, { title: 'Week one' }),
    );
  });

  it('should move when an instructor joins the course', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    const helper = await createUserAndLogin(t, ['instructor']);
    await tagMoves(course.id, () =>
      api.post(`/courses/${course.id}/instructors`, owner, { userId: helper.id }),
    );
  });

  it("should move when the course's category is renamed", async () => {
    const category = await insertCategory(t);
    const { course } = await insertPublishedCourse(t, owner.id, { categoryId: category.id });
    await tagMoves(course.id, () =>
      api.patch(`/categories/${category.id}`, staff, { name: 'Renamed category' }),
    );
  });

  it('should not move when a quiz of the course changes', async () => {
    const course = await insertCourse(t, { ownerId: owner.id, status: 'published' });
    const section = await insertSection(t, course.id);
    await insertLesson(t, section, { kind: 'quiz', title: 'Quiz' });
    const before = etagOf(await api.get(`/courses/${course.id}`));
    const quiz = await api.post(`/courses/${course.id}/quizzes`, owner, quizBody('Check'));
    expect(quiz.statusCode).toBe(201);
    expect(
      (await api.get(`/courses/${course.id}`, undefined, { 'if-none-match': before })).statusCode,
    ).toBe(304);
  });
});

const quizBody = (title: string) => ({
  title,
  questions: [
    {
      prompt: 'What bends light in a lens?',
      kind: 'single',
      options: [
        { text: 'Refraction', correct: true },
        { text: 'Diffraction', correct: false },
      ],
    },
  ],
});

describe('If-Match on PUT /api/v1/quizzes/:id', () => {
  it('should follow the RFC 9110 rules with the ETag its managers get', async () => {
    const course = await insertCourse(t, { ownerId: owner.id });
    const created = await api.post(`/courses/${course.id}/quizzes`, owner, quizBody('Quiz 0'));
    expect(created.statusCode).toBe(201);
    const id = created.json().data.id;
    expect(etagOf(created)).toBe(etagOf(await api.get(`/quizzes/${id}`, owner)));
    let n = 0;
    await expectIfMatchRules({
      required: true,
      read: () => api.get(`/quizzes/${id}`, owner),
      write: (tag) =>
        api.send('PUT', `/quizzes/${id}`, owner, quizBody(`Quiz ${++n}`), ifMatch(tag)),
    });
  });
});

describe('the quiz ETag as a validator', () => {
  it('should move when the lesson presenting the quiz is deleted', async () => {
    const course = await insertCourse(t, { ownerId: owner.id });
    const section = await insertSection(t, course.id);
    const lesson = await insertLesson(t, section, { kind: 'quiz', title: 'Quiz' });
    const created = await api.post(`/courses/${course.id}/quizzes`, owner, {
      ...quizBody('Bound'),
      lessonId: lesson.id,
    });
    const id = created.json().data.id;
    const before = etagOf(created);
    const gone = await api.send('DELETE', `/courses/${course.id}/lessons/${lesson.id}`, owner);
    expect(gone.statusCode).toBe(204);
    const after = await api.get(`/quizzes/${id}`, owner, { 'if-none-match': before });
    expect(after.statusCode).toBe(200);
    expect(after.json().data.lessonId).toBeNull();
    expect(etagOf(after)).not.toBe(before);
    expectError(
      await api.send('PUT', `/quizzes/${id}`, owner, quizBody('Late'), ifMatch(before)),
      412,
      'VERSION_MISMATCH',
    );
  });
});

describe('If-Match on PUT /api/v1/users/:id/roles', () => {
  it('should follow the RFC 9110 rules with the ETag of GET /users/:id (If-Match optional)', async () => {
    const user = await createUserAndLogin(t, ['learner']);
    let n = 0;
    await expectIfMatchRules({
      required: false,
      read: () => api.get(`/users/${user.id}`, admin),
      write: (tag) =>
        api.send(
          'PUT',
          `/users/${user.id}/roles`,
          admin,
          { roles: ++n % 2 ? ['staff'] : ['learner'] },
          ifMatch(tag),
        ),
    });
  });

  it('should let only one of two role changes with the same ETag through', async () => {
    const user = await createUserAndLogin(t, ['learner']);
    const tag = etagOf(await api.get(`/users/${user.id}`, admin));
    const results = await Promise.all(
      [['staff'], ['instructor']].map((roles) =>
        api.send('PUT', `/users/${user.id}/roles`, admin, { roles }, ifMatch(tag)),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    const winner = results.find((r) => r.statusCode === 200)!;
    const now = await api.get(`/users/${user.id}`, admin);
    expect(now.json().data.roles).toEqual(winner.json().data.roles);
    expect(etagOf(now)).toBe(etagOf(winner));
  });
});
