import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { insertCourse, insertLesson, insertSection } from '../helpers/catalog-factories.js';
import {
  OWNER_OTHER_STAFF_LEARNER,
  UNKNOWN_ID,
  useCatalogTestApp,
} from '../helpers/catalog-test-app.js';
import { auditRows, countRows, expectError, type TestUser } from '../helpers/factories.js';

const { t, api, owner, otherInstructor, staff, learner } =
  useCatalogTestApp(OWNER_OTHER_STAFF_LEARNER);

const single = (prompt = 'What bends light in a lens?') => ({
  prompt,
  kind: 'single',
  points: 2,
  explanation: 'Refraction is bending at a boundary.',
  options: [
    { text: 'Refraction', correct: true },
    { text: 'Diffraction', correct: false },
  ],
});
const multiple = () => ({
  prompt: 'Which are colours of the rainbow?',
  kind: 'multiple',
  options: [
    { text: 'Red', correct: true },
    { text: 'Violet', correct: true },
    { text: 'Brown', correct: false },
  ],
});

/** A published course of `owner` with a quiz lesson (free preview or not) and a video lesson. */
async function setup({ status = 'published' as 'published' | 'draft', freePreview = false } = {}) {
  const course = await insertCourse(t, { ownerId: owner.id, status });
  const section = await insertSection(t, course.id);
  const quizLesson = await insertLesson(t, section, { kind: 'quiz', title: 'Quiz', freePreview });
  const video = await insertLesson(t, section, { position: 1 });
  return { course, section, quizLesson, video };
}

async function createQuiz(courseId: string, body: Record<string, unknown> = {}) {
  const res = await api.send('POST', `/courses/${courseId}/quizzes`, owner, {
    title: 'Check: light',
    questions: [single(), multiple()],
    ...body,
  });
  if (res.statusCode !== 201) throw new Error(`quiz not created: ${res.body}`);
  return res.json().data;
}

async function enrol(courseId: string, userId: string) {
  await t.database.query(
    "insert into enrolments (id, course_id, user_id, status) values ($1, $2, $3, 'active')",
    [randomUUID(), courseId, userId],
  );
}

/** Every key anywhere in a parsed JSON value. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
  return [];
}

describe('POST /api/v1/courses/:id/quizzes', () => {
  it('should create a quiz with its questions and options in order, and audit it', async () => {
    const { course, quizLesson } = await setup();
    const res = await api.send('POST', `/courses/${course.id}/quizzes`, owner, {
      title: 'Check: light',
      passPercent: 75,
      lessonId: quizLesson.id,
      questions: [single(), multiple()],
    });
    expect(res.statusCode).toBe(201);
    const quiz = res.json().data;
    expect(res.headers.location).toBe(`/api/v1/quizzes/${quiz.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(quiz).toMatchObject({
      courseId: course.id,
      lessonId: quizLesson.id,
      title: 'Check: light',
      passPercent: 75,
      version: 1,
      totalPoints: 3,
    });
    expect(
      quiz.questions.map((q: { position: number; kind: string; points: number }) => [
        q.position,
        q.kind,
        q.points,
      ]),
    ).toEqual([
      [0, 'single', 2],
      [1, 'multiple', 1],
    ]);
    expect(quiz.questions[1].options).toEqual([
      { id: expect.any(String), position: 0, text: 'Red', correct: true },
      { id: expect.any(String), position: 1, text: 'Violet', correct: true },
      { id: expect.any(String), position: 2, text: 'Brown', correct: false },
    ]);
    expect(quiz.questions[0].explanation).toBe('Refraction is bending at a boundary.');
    expect((await auditRows(t, 'quiz.created')).at(-1)).toMatchObject({
      actor_id: owner.id,
      resource_type: 'quiz',
      resource_id: quiz.id,
      details: { courseId: course.id, questions: 2 },
    });
    // Without a pass mark, 60.
    expect((await createQuiz(course.id)).passPercent).toBe(60);
  });

  it('should refuse answer keys that do not fit the question kind with 400 INVALID_QUIZ', async () => {
    const { course } = await setup();
    const before = await countRows(t, 'quizzes');
    const twoCorrect = {
      ...single(),
      options: [
        { text: 'a', correct: true },
        { text: 'b', correct: true },
      ],
    };
    const noneCorrect = {
      ...multiple(),
      options: multiple().options.map((o) => ({ ...o, correct: false })),
    };
    const error = expectError(
      await api.send('POST', `/courses/${course.id}/quizzes`, owner, {
        title: 'Q',
        questions: [single(), twoCorrect, noneCorrect],
      }),
      400,
      'INVALID_QUIZ',
    );
    expect(error.details?.map((d) => d.path)).toEqual([
      '/body/questions/1/options',
      '/body/questions/2/options',
    ]);
    expect(await countRows(t, 'quizzes')).toBe(before);
  });

  it('should refuse malformed quizzes with 400 VALIDATION_FAILED', async () => {
    const { course } = await setup();
    const before = await countRows(t, 'quiz_questions');
    const url = `/courses/${course.id}/quizzes`;
    const oneOption = { ...single(), options: [{ text: 'a', correct: true }] };
    const elevenOptions = {
      ...multiple(),
      options: Array.from({ length: 11 }, (_, i) => ({ text: `o${i}`, correct: i === 0 })),
    };
    const bodies = [
      { title: 'Q', questions: [] },
      { title: 'Q', questions: Array.from({ length: 101 }, () => single()) },
      { title: 'Q', questions: [oneOption] },
      { title: 'Q', questions: [elevenOptions] },
      { title: 'Q', questions: [{ ...single(), kind: 'essay' }] },
      { title: 'Q', passPercent: 101, questions: [single()] },
      { questions: [single()] },
    ];
    for (const body of bodies)
      expectError(await api.send('POST', url, owner, body), 400, 'VALIDATION_FAILED');
    expect(await countRows(t, 'quiz_questions')).toBe(before);
  });

  it('should take only a quiz lesson of the course, and one quiz per lesson', async () => {
    const { course, quizLesson, video } = await setup();
    const other = await setup();
    const url = `/courses/${course.id}/quizzes`;
    const body = { title: 'Q', questions: [single()] };
    for (const lessonId of [video.id, other.quizLesson.id, UNKNOWN_ID]) {
      const error = expectError(
        await api.send('POST', url, owner, { ...body, lessonId }),
        400,
        'INVALID_QUIZ',
      );
      expect(error.details?.[0]?.path).toBe('/body/lessonId');
    }
    expect(
      (await api.send('POST', url, owner, { ...body, lessonId: quizLesson.id })).statusCode,
    ).toBe(201);
    expectError(
      await api.send('POST', url, owner, { ...body, lessonId: quizLesson.id }),
      409,
      'LESSON_HAS_QUIZ',
    );
  });

  it('should answer 401, 403 and 404 without creating anything', async () => {
    const { course } = await setup();
    const before = await countRows(t, 'quizzes');
    const url = `/courses/${course.id}/quizzes`;
    const body = { title: 'Q', questions: [single()] };
    expectError(await api.send('POST', url, undefined, body), 401, 'UNAUTHORIZED');
    expectError(await api.send('POST', url, learner, body), 403, 'PERMISSION_DENIED');
    expectError(await api.send('POST', url, otherInstructor, body), 403, 'NOT_COURSE_INSTRUCTOR');
    expectError(
      await api.send('POST', `/courses/${UNKNOWN_ID}/quizzes`, owner, body),
      404,
      'COURSE_NOT_FOUND',
    );
    expect(await countRows(t, 'quizzes')).toBe(before);
    expect((await api.send('POST', url, staff, body)).statusCode).toBe(201);
  });
});

describe('GET /api/v1/courses/:id/quizzes', () => {
  it("should list a course's quizzes in pages for its instructors", async () => {
    const { course } = await setup();
    const first = await createQuiz(course.id, { title: 'One' });
    const second = await createQuiz(course.id, { title: 'Two', questions: [single()] });
    const page1 = await api.send('GET', `/courses/${course.id}/quizzes?limit=1`, owner);
    expect(page1.statusCode).toBe(200);
    expect(page1.json().data).toEqual([
      expect.objectContaining({ id: first.id, title: 'One', questionCount: 2, version: 1 }),
    ]);
    expect(page1.headers.link).toContain('rel="next"');
    const cursor = page1.json().meta.nextCursor;
    const page2 = await api.send(
      'GET',
      `/courses/${course.id}/quizzes?limit=1&cursor=${cursor}`,
      staff,
    );
    expect(page2.json().data.map((q: { id: string }) => q.id)).toEqual([second.id]);
    expect(page2.json().data[0].questionCount).toBe(1);
    expect(page2.json().meta.nextCursor).toBeNull();
  });

  it('should answer 400, 401, 403 and 404', async () => {
    const { course } = await setup();
    const url = `/courses/${course.id}/quizzes`;
    expectError(await api.send('GET', `${url}?limit=0`, owner), 400, 'VALIDATION_FAILED');
    expectError(await api.send('GET', `${url}?cursor=e30`, owner), 400, 'INVALID_CURSOR');
    expectError(await api.send('GET', url), 401, 'UNAUTHORIZED');
    expectError(await api.send('GET', url, learner), 403, 'PERMISSION_DENIED');
    expectError(await api.send('GET', url, otherInstructor), 403, 'NOT_COURSE_INSTRUCTOR');
    expectError(
      await api.send('GET', `/courses/${UNKNOWN_ID}/quizzes`, owner),
      404,
      'COURSE_NOT_FOUND',
    );
  });
});

describe('GET /api/v1/quizzes/:id', () => {
  it('should show the answer key to those who manage the course, with a version ETag', async () => {
    const { course, quizLesson } = await setup();
    const quiz = await createQuiz(course.id, { lessonId: quizLesson.id });
    for (const user of [owner, staff]) {
      const res = await api.send('GET', `/quizzes/${quiz.id}`, user);
      expect(res.statusCode).toBe(200);
      expect(res.headers.etag).toBe('"1"');
      expect(res.json().data).toEqual(quiz);
    }
    const cached = await api.send('GET', `/quizzes/${quiz.id}`, owner, undefined, {
      'if-none-match': '"1"',
    });
    expect(cached.statusCode).toBe(304);
  });

  it('should show enrolled learners the questions without any answer key', async () => {
    const { course, quizLesson } = await setup();
    const quiz = await createQuiz(course.id, { lessonId: quizLesson.id });
    const bare = await createQuiz(course.id);
    await enrol(course.id, learner.id);
    for (const id of [quiz.id, bare.id]) {
      const res = await api.send('GET', `/quizzes/${id}`, learner);
      expect(res.statusCode).toBe(200);
      const data = res.json().data;
      expect(data.questions).toHaveLength(2);
      expect(data.questions[1].options.map((o: { text: string }) => o.text)).toEqual([
        'Red',
        'Violet',
        'Brown',
      ]);
      expect(keysOf(res.json())).not.toContain('correct');
      expect(keysOf(res.json())).not.toContain('explanation');
      expect(res.body).not.toContain('Refraction is bending');
      expect(res.headers.etag).not.toBe('"1"');
    }
  });

  it('should show a free-preview quiz to anyone, without the answer key', async () => {
    const { course, quizLesson } = await setup({ freePreview: true });
    const quiz = await createQuiz(course.id, { lessonId: quizLesson.id });
    for (const user of [undefined, otherInstructor]) {
      const res = await api.send('GET', `/quizzes/${quiz.id}`, user);
      expect(res.statusCode).toBe(200);
      expect(keysOf(res.json())).not.toContain('correct');
      expect(keysOf(res.json())).not.toContain('explanation');
    }
  });

  it('should refuse the others: 401 anonymous, 403 NOT_ENROLLED, 404 for unpublished, deleted and unknown', async () => {
    const { course, quizLesson } = await setup();
    const quiz = await createQuiz(course.id, { lessonId: quizLesson.id });
    expectError(await api.send('GET', `/quizzes/${quiz.id}`), 401, 'UNAUTHORIZED');
    expectError(await api.send('GET', `/quizzes/${quiz.id}`, learner), 403, 'NOT_ENROLLED');
    const draft = await setup({ status: 'draft', freePreview: true });
    const hidden = await createQuiz(draft.course.id, { lessonId: draft.quizLesson.id });
    await enrol(draft.course.id, learner.id);
    expectError(await api.send('GET', `/quizzes/${hidden.id}`, learner), 404, 'QUIZ_NOT_FOUND');
    expect((await api.send('GET', `/quizzes/${hidden.id}`, owner)).statusCode).toBe(200);
    await t.database.query('update courses set deleted_at = now() where id = $1', [course.id]);
    expectError(await api.send('GET', `/quizzes/${quiz.id}`, owner), 404, 'QUIZ_NOT_FOUND');
    expectError(await api.send('GET', `/quizzes/${UNKNOWN_ID}`, owner), 404, 'QUIZ_NOT_FOUND');
    expectError(await api.send('GET', '/quizzes/1', owner), 400, 'VALIDATION_FAILED');
  });
});

describe('PUT /api/v1/quizzes/:id', () => {
  const replacement = () => ({
    title: 'Check: colour',
    passPercent: 50,
    questions: [multiple()],
  });

  it('should replace the quiz when If-Match is current, bump the version and audit it', async () => {
    const { course } = await setup();
    const quiz = await createQuiz(course.id);
    const res = await api.send('PUT', `/quizzes/${quiz.id}`, owner, replacement(), {
      'if-match': '"1"',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.json().data).toMatchObject({
      title: 'Check: colour',
      passPercent: 50,
      version: 2,
      totalPoints: 1,
    });
    expect(res.json().data.questions).toHaveLength(1);
    const stored = (await api.send('GET', `/quizzes/${quiz.id}`, owner)).json().data;
    expect(stored.questions.map((q: { prompt: string }) => q.prompt)).toEqual([
      'Which are colours of the rainbow?',
    ]);
    const options = await t.database.query<{ n: number }>(
      'select count(*)::int as n from quiz_options o join quiz_questions q on q.id = o.question_id where q.quiz_id = $1',
      [quiz.id],
    );
    expect(options[0]!.n).toBe(3);
    expect((await auditRows(t, 'quiz.updated')).at(-1)).toMatchObject({
      resource_id: quiz.id,
      details: { courseId: course.id, version: 2, questions: 1 },
    });
  });

  it('should answer 428 without If-Match and 412 when it is stale, changing nothing', async () => {
    const { course } = await setup();
    const quiz = await createQuiz(course.id);
    expectError(
      await api.send('PUT', `/quizzes/${quiz.id}`, owner, replacement()),
      428,
      'PRECONDITION_REQUIRED',
    );
    await api.send('PUT', `/quizzes/${quiz.id}`, owner, replacement(), { 'if-match': '"1"' });
    expectError(
      await api.send(
        'PUT',
        `/quizzes/${quiz.id}`,
        owner,
        { ...replacement(), title: 'Late' },
        { 'if-match': '"1"' },
      ),
      412,
      'VERSION_MISMATCH',
    );
    expectError(
      await api.send('PUT', `/quizzes/${quiz.id}`, owner, replacement(), { 'if-match': 'banana' }),
      400,
      'INVALID_IF_MATCH',
    );
    const stored = (await api.send('GET', `/quizzes/${quiz.id}`, owner)).json().data;
    expect(stored).toMatchObject({ title: 'Check: colour', version: 2 });
  });

  it('should refuse an invalid answer key with 400 and keep the old questions', async () => {
    const { course } = await setup();
    const quiz = await createQuiz(course.id);
    const broken = {
      ...single(),
      options: single().options.map((o) => ({ ...o, correct: false })),
    };
    expectError(
      await api.send(
        'PUT',
        `/quizzes/${quiz.id}`,
        owner,
        { title: 'X', questions: [broken] },
        { 'if-match': '"1"' },
      ),
      400,
      'INVALID_QUIZ',
    );
    expectError(
      await api.send(
        'PUT',
        `/quizzes/${quiz.id}`,
        owner,
        { title: 'X', questions: [] },
        { 'if-match': '"1"' },
      ),
      400,
      'VALIDATION_FAILED',
    );
    expect((await api.send('GET', `/quizzes/${quiz.id}`, owner)).json().data).toEqual(quiz);
  });

  it('should answer 401, 403 and 404 and change nothing', async () => {
    const { course } = await setup();
    const quiz = await createQuiz(course.id);
    const put = (user?: TestUser, id = quiz.id) =>
      api.send('PUT', `/quizzes/${id}`, user, replacement(), { 'if-match': '"1"' });
    expectError(await put(), 401, 'UNAUTHORIZED');
    expectError(await put(learner), 403, 'PERMISSION_DENIED');
    expectError(await put(otherInstructor), 403, 'NOT_COURSE_INSTRUCTOR');
    expectError(await put(owner, UNKNOWN_ID), 404, 'QUIZ_NOT_FOUND');
    expect((await api.send('GET', `/quizzes/${quiz.id}`, owner)).json().data).toEqual(quiz);
  });
});

describe('DELETE /api/v1/quizzes/:id', () => {
  it('should delete the quiz with its questions and audit it', async () => {
    const { course } = await setup();
    const quiz = await createQuiz(course.id);
    const questions = await countRows(t, 'quiz_questions');
    const res = await api.send('DELETE', `/quizzes/${quiz.id}`, owner);
    expect(res.statusCode).toBe(204);
    expect(await countRows(t, 'quiz_questions')).toBe(questions - 2);
    expectError(await api.send('GET', `/quizzes/${quiz.id}`, owner), 404, 'QUIZ_NOT_FOUND');
    expect((await auditRows(t, 'quiz.deleted')).at(-1)).toMatchObject({
      actor_id: owner.id,
      resource_id: quiz.id,
      details: { courseId: course.id, title: 'Check: light' },
    });
    expectError(await api.send('DELETE', `/quizzes/${quiz.id}`, owner), 404, 'QUIZ_NOT_FOUND');
  });

  it('should answer 400, 401 and 403 and keep the quiz', async () => {
    const { course } = await setup();
    const quiz = await createQuiz(course.id);
    expectError(await api.send('DELETE', '/quizzes/nope', owner), 400, 'VALIDATION_FAILED');
    expectError(await api.send('DELETE', `/quizzes/${quiz.id}`), 401, 'UNAUTHORIZED');
    expectError(await api.send('DELETE', `/quizzes/${quiz.id}`, learner), 403, 'PERMISSION_DENIED');
    expectError(
      await api.send('DELETE', `/quizzes/${quiz.id}`, otherInstructor),
      403,
      'NOT_COURSE_INSTRUCTOR',
    );
    expect((await api.send('GET', `/quizzes/${quiz.id}`, owner)).statusCode).toBe(200);
  });
});
