import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { lessons } from '#modules/catalog/tables.js';
import { insertCategory, insertPublishedCourse } from '../helpers/catalog-factories.js';
import { useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { countRows, createUserAndLogin, expectError } from '../helpers/factories.js';

const { t, api, owner, admin, learner } = useCatalogTestApp(
  { owner: 'instructor', admin: 'admin', learner: 'learner' },
  // A webhook endpoint to describe; no event it subscribes to ever happens, so nothing is sent.
  { WEBHOOK_ALLOW_HOSTS: '127.0.0.1' },
);

/** Course writes need `If-Match` with the version the client read. */
async function ifMatchCurrent(courseId: string) {
  const { version } = (await api.get(`/courses/${courseId}`, owner)).json().data;
  return { 'if-match': `"${version}"` };
}

/** A published course of `owner`, with one video lesson, and `learner` enrolled in it. */
async function enrolledCourse() {
  const published = await insertPublishedCourse(t, owner.id);
  expect((await api.post(`/courses/${published.course.id}/enrol`, learner)).statusCode).toBe(201);
  return published;
}

describe('JSON bodies are not type-coerced', () => {
  it('should refuse a number for a string field and leave the course unchanged', async () => {
    const { course } = await insertPublishedCourse(t, owner.id, { title: 'Optics' });
    const error = expectError(
      await api.patch(
        `/courses/${course.id}`,
        owner,
        { title: 12345 },
        await ifMatchCurrent(course.id),
      ),
      400,
      'VALIDATION_FAILED',
    );
    expect(error.details).toEqual([
      { path: '/body/title', message: 'must be string', rule: 'type', expected: 'string' },
    ]);
    expect((await api.get(`/courses/${course.id}`, owner)).json().data.title).toBe('Optics');
  });

  it('should refuse a string for an array field and leave the roles unchanged', async () => {
    const user = await createUserAndLogin(t, ['learner']);
    const error = expectError(
      await api.send('PUT', `/users/${user.id}/roles`, admin, { roles: 'instructor' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(error.details).toEqual([
      { path: '/body/roles', message: 'must be array', rule: 'type', expected: 'array' },
    ]);
    expect((await api.get(`/users/${user.id}`, admin)).json().data.roles).toEqual(['learner']);
  });

  it('should refuse a numeric string for an integer field and record no progress', async () => {
    const { lesson } = await enrolledCourse();
    const before = await countRows(t, 'lesson_progress');
    const error = expectError(
      await api.send('PUT', `/lessons/${lesson.id}/progress`, learner, {
        positionSeconds: 10,
        percent: '50',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(error.details).toEqual([
      { path: '/body/percent', message: 'must be integer', rule: 'type', expected: 'integer' },
    ]);
    expect(await countRows(t, 'lesson_progress')).toBe(before);
    const accepted = await api.send('PUT', `/lessons/${lesson.id}/progress`, learner, {
      positionSeconds: 10,
      percent: 50,
    });
    expect(accepted.json().data.percent).toBe(50);
  });

  it('should still coerce query strings: a numeric limit and a boolean flag', async () => {
    await insertPublishedCourse(t, owner.id);
    const res = await api.get('/courses?limit=1&mine=true', owner);
    expect(res.statusCode).toBe(200);
    expect(res.json().meta.limit).toBe(1);
    expect(res.json().data).toHaveLength(1);
    const bad = expectError(await api.get('/courses?limit=ten', owner), 400, 'VALIDATION_FAILED');
    expect(bad.details).toEqual([
      {
        path: '/querystring/limit',
        message: 'must be integer',
        rule: 'type',
        expected: 'integer',
      },
    ]);
  });
});

describe('nullable fields take null as null', () => {
  it('should turn a video lesson into a text one by clearing its video fields with null', async () => {
    const { course, lesson } = await insertPublishedCourse(t, owner.id);
    await t.database.db
      .update(lessons)
      .set({ transcript: 'Hello, light.' })
      .where(eq(lessons.id, lesson.id));
    const url = `/courses/${course.id}/lessons/${lesson.id}`;
    const res = await api.patch(url, owner, {
      kind: 'text',
      body: '# Light',
      videoUrl: null,
      transcript: null,
      durationSeconds: null,
    });
    expect(res.statusCode).toBe(200);
    const cleared = { kind: 'text', videoUrl: null, transcript: null, durationSeconds: null };
    expect(res.json().data).toMatchObject(cleared);
    expect((await api.get(url, owner)).json().data).toMatchObject({ ...cleared, body: '# Light' });
  });

  it("should clear a course's optional fields with null and read them back as null", async () => {
    const category = await insertCategory(t);
    const { course } = await insertPublishedCourse(t, owner.id, { categoryId: category.id });
    const url = `/courses/${course.id}`;
    const described = await api.patch(
      url,
      owner,
      { description: 'Long text' },
      await ifMatchCurrent(course.id),
    );
    expect(described.statusCode).toBe(200);
    const res = await api.patch(
      url,
      owner,
      { summary: null, description: null, categoryId: null },
      await ifMatchCurrent(course.id),
    );
    expect(res.statusCode).toBe(200);
    const cleared = { summary: null, description: null, category: null };
    expect(res.json().data).toMatchObject(cleared);
    expect((await api.get(url, owner)).json().data).toMatchObject(cleared);
  });

  it('should keep an empty string an empty string rather than turning it into null', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    const res = await api.patch(
      `/courses/${course.id}`,
      owner,
      { summary: '' },
      await ifMatchCurrent(course.id),
    );
    expect(res.statusCode).toBe(200);
    expect((await api.get(`/courses/${course.id}`, owner)).json().data.summary).toBe('');
  });

  it("should clear a webhook's description with null", async () => {
    const created = await api.post('/webhooks', admin, {
      url: 'http://127.0.0.1:9/hook',
      eventTypes: ['nothing.happens'],
      description: 'LMS sync',
    });
    expect(created.statusCode).toBe(201);
    const url = `/webhooks/${created.json().data.id}`;
    const res = await api.patch(url, admin, { description: null });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.description).toBeNull();
    expect((await api.get(url, admin)).json().data.description).toBeNull();
  });

  it('should store a review without a text when its body is null', async () => {
    const { course } = await enrolledCourse();
    const res = await api.send('PUT', `/courses/${course.id}/review`, learner, {
      rating: 4,
      body: null,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().data).toMatchObject({ rating: 4, body: null });
  });
});

describe('validation errors name the field and the rule', () => {
  it('should name an unknown property itself, not its parent', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    const error = expectError(
      await api.patch(`/courses/${course.id}`, owner, { title: 'New', category: 'physics' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(error.details).toEqual([
      { path: '/body/category', message: 'unknown property', rule: 'additionalProperties' },
    ]);
  });

  it('should name an unknown query parameter and a nested field by their own paths', async () => {
    const query = expectError(
      await api.get('/courses?limit=5&colour=red', owner),
      400,
      'VALIDATION_FAILED',
    );
    expect(query.details).toEqual([
      { path: '/querystring/colour', message: 'unknown property', rule: 'additionalProperties' },
    ]);
    const { course } = await insertPublishedCourse(t, owner.id);
    const quiz = expectError(
      await api.post(`/courses/${course.id}/quizzes`, owner, {
        title: 'Check',
        questions: [{ prompt: '1 + 1?', kind: 'single', options: [{ text: '2' }, { text: 3 }] }],
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(quiz.details).toEqual([
      { path: '/body/questions/0/options/0/correct', message: 'is required', rule: 'required' },
      { path: '/body/questions/0/options/1/correct', message: 'is required', rule: 'required' },
      {
        path: '/body/questions/0/options/1/text',
        message: 'must be string',
        rule: 'type',
        expected: 'string',
      },
    ]);
  });

  it('should list every problem once: missing, wrong type, enum, format, pattern, length', async () => {
    const res = await api.post('/courses', owner, {
      slug: 'Not A Slug',
      level: 'expert',
      categoryId: 'nope',
      summary: 'x'.repeat(1001),
      tags: [7],
    });
    const error = expectError(res, 400, 'VALIDATION_FAILED');
    expect(error.details).toEqual(
      expect.arrayContaining([
        { path: '/body/title', message: 'is required', rule: 'required' },
        expect.objectContaining({ path: '/body/slug', rule: 'pattern' }),
        {
          path: '/body/level',
          message: 'must be one of: beginner, intermediate, advanced, all',
          rule: 'enum',
          allowed: ['beginner', 'intermediate', 'advanced', 'all'],
        },
        {
          path: '/body/categoryId',
          message: 'must be a valid uuid',
          rule: 'format',
          format: 'uuid',
        },
        expect.objectContaining({ path: '/body/summary', rule: 'maxLength', limit: 1000 }),
        { path: '/body/tags/0', message: 'must be string', rule: 'type', expected: 'string' },
      ]),
    );
    expect(error.details).toHaveLength(6);
    expect(await countRows(t, 'courses')).toBeGreaterThan(0);
  });

  it('should report a nullable field of the wrong type once, with both types', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    const error = expectError(
      await api.patch(`/courses/${course.id}`, owner, { summary: 42 }),
      400,
      'VALIDATION_FAILED',
    );
    expect(error.details).toEqual([
      {
        path: '/body/summary',
        message: 'must be string or null',
        rule: 'type',
        expected: 'string or null',
      },
    ]);
  });

  it("should report a nullable field's own rule when the value has the right type", async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    const error = expectError(
      await api.patch(`/courses/${course.id}`, owner, { summary: 'x'.repeat(1001) }),
      400,
      'VALIDATION_FAILED',
    );
    expect(error.details).toEqual([
      {
        path: '/body/summary',
        message: 'must NOT have more than 1000 characters',
        rule: 'maxLength',
        limit: 1000,
      },
    ]);
  });

  it('should list the allowed values of a choice of literals once', async () => {
    const { course, lesson } = await insertPublishedCourse(t, owner.id);
    const error = expectError(
      await api.patch(`/courses/${course.id}/lessons/${lesson.id}`, owner, { kind: 'podcast' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(error.details).toEqual([
      {
        path: '/body/kind',
        message: 'must be one of: video, text, quiz, file',
        rule: 'enum',
        allowed: ['video', 'text', 'quiz', 'file'],
      },
    ]);
  });
});
