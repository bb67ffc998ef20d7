import { describe, expect, it } from 'vitest';
import { useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { auditRows, expectError, PASSWORD } from '../helpers/factories.js';
import { makePerson, type Person } from './gdpr-fixtures.js';

const { t, api, admin, teacher, classmate } = useCatalogTestApp({
  admin: 'admin',
  teacher: 'instructor',
  classmate: 'learner',
});

/**
 * The rule the erasure is held to, over every row of every table the app owns (all base tables
 * outside PostgreSQL's own schemas, as `information_schema` lists them, pg-boss's included):
 * 1. no row, read as text, contains the person's email or name (case-insensitive);
 * 2. no row mentions the person's id, except
 *    - their own `users` row, which is anonymised (a placeholder email, no name, no password);
 *    - `audit_log` rows (who did what stays, with ids only: rule 1 still holds, and rows of
 *      their own requests lost their address);
 *    - `outbox_events` (the event log holds ids only: rule 1 still holds);
 *    - `course_reviews` rows whose text is gone (the rating stays for the course's aggregate).
 */
async function personalDataLeft(person: Person): Promise<string[]> {
  const tables = await t.database.query<{ schema: string; name: string }>(
    `select distinct c.table_schema as schema, c.table_name as name
       from information_schema.columns c
       join information_schema.tables t
         on t.table_schema = c.table_schema and t.table_name = c.table_name
      where t.table_type = 'BASE TABLE'
        and c.table_schema not in ('pg_catalog', 'information_schema')
        and c.table_schema not like 'pg\\_%'
      order by 1, 2`,
  );
  expect(tables.map((x) => x.name)).toEqual(
    expect.arrayContaining(['users', 'enrolments', 'course_reviews', 'audit_log', 'job']),
  );
  const email = person.user.email.toLowerCase();
  const name = person.name.toLowerCase();
  const id = person.user.id;
  const problems: string[] = [];
  for (const { schema, name: table } of tables) {
    const rows = await t.database.query<{ row: Record<string, unknown> }>(
      `select to_jsonb(x) as row from "${schema}"."${table}" x`,
    );
    for (const { row } of rows) {
      const text = JSON.stringify(row).toLowerCase();
      const where = `${schema}.${table} ${JSON.stringify(row).slice(0, 300)}`;
      if (text.includes(email)) problems.push(`email in ${where}`);
      if (text.includes(name)) problems.push(`name in ${where}`);
      if (!text.includes(id)) continue;
      const allowed =
        (table === 'users' && row.id === id && row.name === '' && row.password_hash === '') ||
        (table === 'audit_log' && !(row.actor_id === id && row.ip !== null)) ||
        table === 'outbox_events' ||
        (table === 'course_reviews' && row.user_id === id && row.body === null);
      if (!(schema === 'public' && allowed)) problems.push(`id in ${where}`);
    }
  }
  return problems;
}

const erase = (userId: string, caller = admin) => api.post(`/users/${userId}/erase`, caller);

describe('POST /api/v1/users/:id/erase', () => {
  it('should leave no personal data of the person in any table', async () => {
    const person = await makePerson(t, api, teacher);
    // The scan sees the person everywhere before: it would notice anything left behind.
    const before = new Set((await personalDataLeft(person)).map((p) => p.split(' ')[2]));
    expect([...before].sort()).toEqual(
      expect.arrayContaining([
        'public.api_keys',
        'public.audit_log',
        'public.auth_sessions',
        'public.course_instructors',
        'public.course_reviews',
        'public.courses',
        'public.enrolments',
        'public.idempotency_keys',
        'public.jobs',
        'public.lesson_progress',
        'public.login_failures',
        'public.quiz_attempts',
        'public.stored_files',
        'public.user_roles',
        'public.users',
      ]),
    );
    const res = await erase(person.user.id);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      id: person.user.id,
      email: `erased-${person.user.id}@erased.invalid`,
      name: '',
      roles: [],
      disabled: true,
    });
    expect(await personalDataLeft(person)).toEqual([]);
  });

  it("should end the person's sessions and API keys at once and refuse their sign-in", async () => {
    const person = await makePerson(t, api, teacher);
    const me = (headers: Record<string, string>) =>
      t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
    // Warm the credential cache first: the erasure must drop what it holds.
    expect((await me(person.user.auth)).statusCode).toBe(200);
    expect((await me({ 'x-api-key': person.apiKey })).statusCode).toBe(200);
    expect((await erase(person.user.id)).statusCode).toBe(200);
    expect((await me(person.user.auth)).statusCode).toBe(401);
    expect((await me(person.secondSession)).statusCode).toBe(401);
    expectError(await me({ 'x-api-key': person.apiKey }), 401, 'INVALID_API_KEY');
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: person.user.email, password: PASSWORD },
    });
    expect(signIn.statusCode).toBe(401);
  });

  it("should keep the courses' ratings and keep enrolment counts true to the rows", async () => {
    const person = await makePerson(t, api, teacher);
    expect((await api.post(`/courses/${person.courseId}/enrol`, classmate)).statusCode).toBe(201);
    const review = { rating: 5, body: 'Great' };
    expect(
      (await api.send('PUT', `/courses/${person.courseId}/review`, classmate, review)).statusCode,
    ).toBe(201);
    const rating = async () => (await api.get(`/courses/${person.courseId}/rating`)).json().data;
    const enrolments = async () =>
      (await api.get(`/courses/${person.courseId}/analytics`, teacher)).json().data.enrolments;
    const detail = async () =>
      (await api.get(`/courses/${person.courseId}?include=instructors`)).json().data;
    const ratingBefore = await rating();
    expect(ratingBefore).toMatchObject({ average: 3.5, count: 2 });
    expect((await enrolments()).total).toBe(2);
    const versionBefore = (await detail()).version;

    expect((await erase(person.user.id)).statusCode).toBe(200);

    expect(await rating()).toEqual(ratingBefore);
    expect((await detail()).rating).toEqual({ average: 3.5, count: 2 });
    expect((await detail()).version).toBeGreaterThan(versionBefore);
    expect(await enrolments()).toMatchObject({ total: 1, active: 1 });
    const reviews = (await api.get(`/courses/${person.courseId}/reviews`)).json().data;
    expect(reviews).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: person.reviewId,
          rating: 2,
          body: null,
          reviewer: { name: '' },
        }),
      ]),
    );
  });

  it('should keep the courses the person taught, without them, and drop cached views of them', async () => {
    const person = await makePerson(t, api, teacher);
    const course = (
      await t.database.query<{ slug: string }>('select slug from courses where id = $1', [
        person.ownCourseId,
      ])
    )[0]!;
    await t.database.query(
      "update courses set status = 'published', published_at = now() where id = $1",
      [person.ownCourseId],
    );
    const detail = () => api.get(`/courses/${course.slug}?include=instructors`);
    // Cached with the instructor's name in it.
    expect((await detail()).body).toContain(person.name);
    expect((await erase(person.user.id)).statusCode).toBe(200);
    const after = await detail();
    expect(after.statusCode).toBe(200);
    expect(after.body).not.toContain(person.name);
    expect(after.json().data.instructors).toEqual([]);
    const [row] = await t.database.query<{ created_by: string | null }>(
      'select created_by from courses where id = $1',
      [person.ownCourseId],
    );
    expect(row!.created_by).toBeNull();
  });

  it('should audit the erasure by the admin, without personal data, and append an id-only event', async () => {
    const person = await makePerson(t, api, teacher);
    expect((await erase(person.user.id)).statusCode).toBe(200);
    const row = (await auditRows(t, 'user.erased')).at(-1)!;
    expect(row).toMatchObject({
      actor_id: admin.id,
      resource_type: 'user',
      resource_id: person.user.id,
      outcome: 'success',
      details: {
        modules: ['catalog', 'engagement'],
        repeated: false,
        revokedSessions: 2,
        deletedApiKeys: 1,
      },
    });
    const events = await t.database.query<{ actor_id: string; data: unknown }>(
      "select actor_id, data from outbox_events where type = 'user.erased' and subject_id = $1",
      [person.user.id],
    );
    expect(events).toEqual([{ actor_id: admin.id, data: {} }]);
  });

  it('should be harmless to repeat: the same answer, no second event', async () => {
    const person = await makePerson(t, api, teacher);
    const first = await erase(person.user.id);
    const second = await erase(person.user.id);
    expect(second.statusCode).toBe(200);
    expect(second.json().data).toEqual(first.json().data);
    expect(await personalDataLeft(person)).toEqual([]);
    const events = await t.database.query(
      "select 1 from outbox_events where type = 'user.erased' and subject_id = $1",
      [person.user.id],
    );
    expect(events).toHaveLength(1);
    expect((await auditRows(t, 'user.erased')).at(-1)?.details).toMatchObject({ repeated: true });
  });
});
