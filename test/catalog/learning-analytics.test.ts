import { Validator } from '@seriousme/openapi-schema-validator';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { quizAttempts } from '#modules/catalog/tables.js';
import {
  insertCourse,
  insertLesson,
  insertPublishedCourse,
  insertSection,
} from '../helpers/catalog-factories.js';
import { UNKNOWN_ID, useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { countQueries } from '../helpers/count-queries.js';
import { auditRows, createUserAndLogin, expectError, type TestUser } from '../helpers/factories.js';
import { insertQuiz } from './learning-fixtures.js';

const { t, api, owner } = useCatalogTestApp({ owner: 'instructor' });
let course: Awaited<ReturnType<typeof insertCourse>>;
let lessons: { l1: string; l2: string; l3: string };
let quizIds: { scored: string; untouched: string };
const learners: Record<'a' | 'b' | 'c' | 'd', TestUser> = {} as never;

const shiftDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  course = await insertCourse(t, { ownerId: owner.id, status: 'published' });
  // Course order is section position, then lesson position, whatever the insertion order.
  const week2 = await insertSection(t, course.id, 1, 'Week 2');
  const week1 = await insertSection(t, course.id, 0, 'Week 1');
  const l3 = await insertLesson(t, week2, { title: 'L3', position: 0 });
  const l2 = await insertLesson(t, week1, { title: 'L2', position: 1 });
  const l1 = await insertLesson(t, week1, { title: 'L1', position: 0 });
  lessons = { l1: l1.id, l2: l2.id, l3: l3.id };
  for (const key of ['a', 'b', 'c', 'd'] as const) {
    learners[key] = await createUserAndLogin(t, ['learner'], { name: `Learner ${key}` });
    await api.send('POST', `/courses/${course.id}/enrol`, learners[key]);
  }
  const { a, b, c } = learners;
  for (const id of [l1.id, l2.id, l3.id]) await api.send('POST', `/lessons/${id}/complete`, a);
  await api.send('POST', `/lessons/${l1.id}/complete`, b);
  await api.send('PUT', `/lessons/${l3.id}/progress`, b, { positionSeconds: 9, percent: 10 });
  await api.send('PUT', `/lessons/${l1.id}/progress`, c, { positionSeconds: 5, percent: 50 });
  await api.send('DELETE', `/courses/${course.id}/enrol`, c);
  await t.database.query(
    `update enrolments set enrolled_at = now() - interval '3 days' where user_id = $1`,
    [a.id],
  );
  await t.database.query(
    `update enrolments set enrolled_at = now() - interval '40 days' where user_id = $1`,
    [learners.d.id],
  );
  const scored = await insertQuiz(t, course, {
    title: 'Scored',
    questions: [{ options: [true] }],
  });
  const untouched = await insertQuiz(t, course, {
    title: 'Untouched',
    questions: [{ options: [true] }],
  });
  quizIds = { scored: scored.quiz.id, untouched: untouched.quiz.id };
  await t.database.db.insert(quizAttempts).values(
    [0, 15, 55, 100, 100].map((scorePercent) => ({
      quizId: scored.quiz.id,
      userId: a.id,
      points: scorePercent,
      maxPoints: 100,
      scorePercent,
      passed: scorePercent >= 60,
    })),
  );
});

describe('GET /api/v1/courses/:id/analytics', () => {
  it('should report enrolments, completion, progress, quiz scores and lesson drop-off', async () => {
    const res = await api.send('GET', `/courses/${course.id}/analytics?days=7`, owner);
    expect(res.statusCode).toBe(200);
    const data = res.json().data;
    expect(data).toMatchObject({
      courseId: course.id,
      days: 7,
      enrolments: { total: 4, active: 2, completed: 1, dropped: 1 },
      completionRate: 0.25,
      // a: 100, b: 1 of 3 lessons = 33, d: 0 (c dropped: left out)
      averageProgressPercent: 44.33,
    });
    expect(data.lessons).toEqual([
      {
        lessonId: lessons.l1,
        sectionId: expect.any(String),
        title: 'L1',
        started: 3,
        completed: 2,
      },
      {
        lessonId: lessons.l2,
        sectionId: expect.any(String),
        title: 'L2',
        started: 1,
        completed: 1,
      },
      {
        lessonId: lessons.l3,
        sectionId: expect.any(String),
        title: 'L3',
        started: 2,
        completed: 1,
      },
    ]);
    expect(data.quizzes).toEqual([
      {
        quizId: quizIds.scored,
        title: 'Scored',
        attempts: 5,
        meanPercent: 54,
        distribution: [1, 1, 0, 0, 0, 1, 0, 0, 0, 2].map((count, i) => ({
          from: i * 10,
          to: i * 10 + 10,
          count,
        })),
      },
      expect.objectContaining({ quizId: quizIds.untouched, attempts: 0, meanPercent: null }),
    ]);
    expect(data.quizzes[1].distribution.every((b: { count: number }) => b.count === 0)).toBe(true);
  });

  it('should give one timeline entry per UTC day, today last', async () => {
    const data = (await api.send('GET', `/courses/${course.id}/analytics?days=7`, owner)).json()
      .data;
    expect(data.timeline).toHaveLength(7);
    expect(data.timeline.at(-1).date).toBe(data.to);
    expect(data.timeline[0].date).toBe(data.from);
    expect(data.from).toBe(shiftDays(data.to, -6));
    const byDate = Object.fromEntries(
      data.timeline.map((d: { date: string }) => [d.date, d]),
    ) as Record<string, { enrolments: number; completions: number; drops: number }>;
    // b and c enrolled today; a three days ago; d 40 days ago (outside the window).
    expect(byDate[data.to]).toMatchObject({ enrolments: 2, completions: 1, drops: 1 });
    expect(byDate[shiftDays(data.to, -3)]).toMatchObject({ enrolments: 1, completions: 0 });
    const total = data.timeline.reduce(
      (sum: number, d: { enrolments: number }) => sum + d.enrolments,
      0,
    );
    expect(total).toBe(3);
    const month = (await api.send('GET', `/courses/${course.id}/analytics`, owner)).json().data;
    expect(month.days).toBe(30);
    expect(month.timeline).toHaveLength(30);
  });

  it('should report an empty course as zeros', async () => {
    const { course: empty } = await insertPublishedCourse(t, owner.id);
    const data = (await api.send('GET', `/courses/${empty.id}/analytics?days=1`, owner)).json()
      .data;
    expect(data).toMatchObject({
      enrolments: { total: 0, active: 0, completed: 0, dropped: 0 },
      completionRate: 0,
      averageProgressPercent: null,
      quizzes: [],
      lessons: [expect.objectContaining({ started: 0, completed: 0 })],
    });
    expect(data.timeline).toEqual([{ date: data.to, enrolments: 0, completions: 0, drops: 0 }]);
  });

  it('should take as many queries for a busy course as for an empty one', async () => {
    const { course: empty } = await insertPublishedCourse(t, owner.id);
    const analyticsOf = (id: string) => (requestId: string) =>
      t.app.inject({
        url: `/api/v1/courses/${id}/analytics`,
        headers: { ...owner.auth, 'x-request-id': requestId },
      });
    const quiet = await countQueries(t, analyticsOf(empty.id));
    const busy = await countQueries(t, analyticsOf(course.id));
    expect(busy.response.json().data.enrolments.total).toBe(4);
    expect(quiet.queries).toBeGreaterThan(0);
    expect(busy.queries).toBe(quiet.queries);
  });

  it('should be for the course’s instructors and staff only', async () => {
    const staff = await createUserAndLogin(t, ['staff']);
    expect((await api.send('GET', `/courses/${course.slug}/analytics`, staff)).statusCode).toBe(
      200,
    );
    const other = await createUserAndLogin(t, ['instructor']);
    expectError(
      await api.send('GET', `/courses/${course.id}/analytics`, other),
      403,
      'NOT_COURSE_INSTRUCTOR',
    );
    expectError(
      await api.send('GET', `/courses/${course.id}/analytics`, learners.a),
      403,
      'PERMISSION_DENIED',
    );
    expectError(await api.send('GET', `/courses/${course.id}/analytics`), 401, 'UNAUTHORIZED');
  });

  it('should answer 404 unknown course and 400 for days out of range', async () => {
    expectError(
      await api.send('GET', `/courses/${UNKNOWN_ID}/analytics`, owner),
      404,
      'COURSE_NOT_FOUND',
    );
    for (const days of ['0', '367', 'week'])
      expectError(
        await api.send('GET', `/courses/${course.id}/analytics?days=${days}`, owner),
        400,
        'VALIDATION_FAILED',
      );
  });
});

describe('GET /api/v1/courses/:id/enrolments.csv', () => {
  const csvRows = (body: string) => parse(body) as string[][];
  const HEADER = [
    'Learner name',
    'Email',
    'Status',
    'Enrolled at',
    'Completed at',
    'Progress percent',
    'Last activity',
  ];

  it('should send only the header row for a course without enrolments', async () => {
    const { course: empty } = await insertPublishedCourse(t, owner.id, { slug: 'quiet-course' });
    const res = await api.send('GET', `/courses/${empty.id}/enrolments.csv`, owner);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="quiet-course-enrolments.csv"',
    );
    expect(csvRows(res.body)).toEqual([HEADER]);
  });

  it('should send one row per enrolment with progress and activity', async () => {
    const res = await api.send('GET', `/courses/${course.id}/enrolments.csv`, owner);
    const [header, ...rows] = csvRows(res.body);
    expect(header).toEqual(HEADER);
    expect(rows).toHaveLength(4);
    const byEmail = Object.fromEntries(rows.map((r) => [r[1], r]));
    const a = byEmail[learners.a.email]!;
    expect(a.slice(0, 3)).toEqual(['Learner a', learners.a.email, 'completed']);
    expect(Date.parse(a[3]!)).not.toBeNaN();
    expect(Date.parse(a[4]!)).not.toBeNaN();
    expect(a[5]).toBe('100');
    expect(Date.parse(a[6]!)).not.toBeNaN();
    expect(byEmail[learners.b.email]!.slice(2, 6)).toEqual([
      'active',
      expect.any(String),
      '',
      '33',
    ]);
    expect(byEmail[learners.d.email]!.slice(4)).toEqual(['', '0', '']);
    expect((await auditRows(t, 'course.enrolments_exported')).at(-1)).toMatchObject({
      actor_id: owner.id,
      resource_id: course.id,
    });
  });

  it('should stream many rows, across batches, and defuse spreadsheet formulas', async () => {
    const big = await insertCourse(t, { ownerId: owner.id, status: 'published' });
    const tag = big.id.slice(0, 8);
    // 1201 learners straight in SQL (no password hashing): more than two export batches.
    await t.database.query(
      `insert into users (id, email, name, password_hash)
       select gen_random_uuid(), 'bulk-' || i || '-' || $1 || '@example.org',
              case when i = 1 then '=HYPERLINK("http://evil")' else 'Bulk ' || i end, 'x'
       from generate_series(1, 1201) as i`,
      [tag],
    );
    await t.database.query(
      `insert into enrolments (id, course_id, user_id)
       select gen_random_uuid(), $1, id from users where email like $2`,
      [big.id, `bulk-%-${tag}@example.org`],
    );
    const res = await api.send('GET', `/courses/${big.id}/enrolments.csv`, owner);
    expect(res.statusCode).toBe(200);
    const [, ...rows] = csvRows(res.body);
    expect(rows).toHaveLength(1201);
    expect(new Set(rows.map((r) => r[1])).size).toBe(1201);
    expect(rows.every((r) => r[2] === 'active' && r[5] === '0')).toBe(true);
    expect(rows.map((r) => r[0])).toContain(`'=HYPERLINK("http://evil")`);
    expect(rows.map((r) => r[0])).not.toContain('=HYPERLINK("http://evil")');
  });

  it('should answer 403 to learners and other instructors, 404 unknown, 401 anonymous', async () => {
    expectError(
      await api.send('GET', `/courses/${course.id}/enrolments.csv`, learners.a),
      403,
      'PERMISSION_DENIED',
    );
    const other = await createUserAndLogin(t, ['instructor']);
    expectError(
      await api.send('GET', `/courses/${course.id}/enrolments.csv`, other),
      403,
      'NOT_COURSE_INSTRUCTOR',
    );
    expectError(
      await api.send('GET', `/courses/${UNKNOWN_ID}/enrolments.csv`, owner),
      404,
      'COURSE_NOT_FOUND',
    );
    expectError(await api.send('GET', `/courses/${course.id}/enrolments.csv`), 401, 'UNAUTHORIZED');
    const audits = await auditRows(t, 'course.enrolments_exported');
    expect(audits.every((a) => a.actor_id === owner.id)).toBe(true);
  });
});

describe('OpenAPI document', () => {
  it('should describe the learning routes, and stay a valid document', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    const result = await new Validator().validate(doc);
    expect(result.errors).toBeUndefined();
    const operations = [
      ['/api/v1/courses/{id}/enrol', 'post'],
      ['/api/v1/courses/{id}/enrol', 'delete'],
      ['/api/v1/me/courses', 'get'],
      ['/api/v1/lessons/{id}/progress', 'put'],
      ['/api/v1/lessons/{id}/complete', 'post'],
      ['/api/v1/quizzes/{id}/attempts', 'post'],
      ['/api/v1/quizzes/{id}/attempts', 'get'],
      ['/api/v1/courses/{id}/review', 'put'],
      ['/api/v1/courses/{id}/review', 'delete'],
      ['/api/v1/courses/{id}/reviews', 'get'],
      ['/api/v1/courses/{id}/rating', 'get'],
      ['/api/v1/courses/{id}/analytics', 'get'],
      ['/api/v1/courses/{id}/enrolments.csv', 'get'],
    ] as const;
    for (const [path, method] of operations) {
      const operation = doc.paths[path]?.[method];
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(operation.summary).toEqual(expect.any(String));
      expect(operation.tags.length).toBeGreaterThan(0);
    }
    const csv = doc.paths['/api/v1/courses/{id}/enrolments.csv'].get.responses['200'];
    expect(Object.keys(csv.content)).toEqual(['text/csv']);
  });
});
