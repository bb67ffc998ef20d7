import { describe, expect, it } from 'vitest';
import { UNKNOWN_ID, useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { auditRows, expectError } from '../helpers/factories.js';
import { makePerson, type Person } from './gdpr-fixtures.js';

const { t, api, admin, teacher, staff, other } = useCatalogTestApp({
  admin: 'admin',
  teacher: 'instructor',
  staff: 'staff',
  other: 'learner',
});

/** Every key of a JSON value, at any depth. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
  return [];
}

/** The secrets stored about the person: none may appear in an export. */
async function storedSecrets(person: Person): Promise<string[]> {
  const rows = await t.database.query<{ secret: string }>(
    `select password_hash as secret from users where id = $1
     union all select secret_hash from api_keys where owner_id = $1
     union all select r.token_hash from refresh_tokens r join auth_sessions s on s.id = r.session_id where s.user_id = $1`,
    [person.user.id],
  );
  return rows.map((r) => r.secret);
}

describe('GET /api/v1/users/:id/export', () => {
  it("should return the person's account, sessions, keys, audit, jobs, files and catalog data", async () => {
    const person = await makePerson(t, api, teacher);
    const res = await api.get(`/users/${person.user.id}/export`, person.user);
    expect(res.statusCode).toBe(200);
    const data = res.json().data;

    expect(data.user).toMatchObject({
      id: person.user.id,
      email: person.user.email,
      name: person.name,
      roles: ['instructor'],
      disabled: false,
    });
    expect(data.sessions).toHaveLength(2);
    expect(data.sessions[0]).toEqual({
      id: expect.any(String),
      userAgent: expect.any(String),
      ip: expect.any(String),
      createdAt: expect.any(String),
      lastUsedAt: expect.any(String),
      expiresAt: expect.any(String),
      revokedAt: null,
      revokedReason: null,
    });
    expect(data.apiKeys).toEqual([
      {
        id: expect.any(String),
        name: 'laptop',
        prefix: expect.any(String),
        scopes: ['courses:read'],
        lastUsedAt: null,
        revokedAt: null,
        createdAt: expect.any(String),
      },
    ]);
    const actions = data.audit.map((a: { action: string }) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'user.created',
        'auth.login',
        'api_key.created',
        'enrolment.created',
        'review.created',
      ]),
    );
    expect(data.jobs).toEqual([expect.objectContaining({ id: person.jobId, queue: 'probe' })]);
    expect(data.files).toEqual([
      expect.objectContaining({ id: person.fileId, filename: 'cover.png', sizeBytes: 3 }),
    ]);

    const catalog = data.modules.catalog;
    expect(catalog.enrolments).toEqual([
      expect.objectContaining({ courseId: person.courseId, status: 'active' }),
    ]);
    expect(catalog.progress).toEqual([
      expect.objectContaining({ lessonId: person.lessonId, positionSeconds: 42, percent: 40 }),
    ]);
    expect(catalog.attempts).toEqual([
      expect.objectContaining({
        quizId: person.quizId,
        courseId: person.courseId,
        passed: false,
        answers: [{ questionId: expect.any(String), optionId: expect.any(String) }],
      }),
    ]);
    expect(catalog.reviews).toEqual([
      expect.objectContaining({ id: person.reviewId, rating: 2, body: `Signed, ${person.name}` }),
    ]);
    expect(catalog.instructorships).toEqual([
      expect.objectContaining({ courseId: person.ownCourseId, role: 'owner' }),
    ]);
    expect(catalog.authoredCourses).toEqual([
      expect.objectContaining({ id: person.ownCourseId, createdByThem: true }),
    ]);
  });

  it('should hold no secret: no hash, token or key, and no field named like one', async () => {
    const person = await makePerson(t, api, teacher);
    const res = await api.get(`/users/${person.user.id}/export`, admin);
    expect(res.statusCode).toBe(200);
    const secrets = [
      ...(await storedSecrets(person)),
      person.apiKey,
      person.user.accessToken,
      person.user.refreshToken,
      person.user.password,
    ];
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    for (const secret of secrets) expect(res.body).not.toContain(secret);
    const suspicious = keysOf(res.json().data).filter((k) =>
      /hash|secret|token|password|storageKey/i.test(k),
    );
    expect(suspicious).toEqual([]);
  });

  it('should write a user.exported audit row naming the caller', async () => {
    const person = await makePerson(t, api, teacher);
    expect((await api.get(`/users/${person.user.id}/export`, admin)).statusCode).toBe(200);
    const row = (await auditRows(t, 'user.exported')).at(-1);
    expect(row).toMatchObject({
      actor_id: admin.id,
      resource_type: 'user',
      resource_id: person.user.id,
      details: { modules: ['catalog', 'engagement'] },
    });
  });

  it("should refuse someone else's export to non-admins (staff included) with 403", async () => {
    const person = await makePerson(t, api, teacher);
    for (const caller of [other, staff, teacher])
      expectError(await api.get(`/users/${person.user.id}/export`, caller), 403, 'NOT_OWNER');
    expectError(await api.get(`/users/${person.user.id}/export`), 401, 'UNAUTHORIZED');
  });

  it('should answer 404 for an unknown user and 400 naming the field for a bad id', async () => {
    expectError(await api.get(`/users/${UNKNOWN_ID}/export`, admin), 404, 'USER_NOT_FOUND');
    const bad = expectError(
      await api.get('/users/not-a-uuid/export', admin),
      400,
      'VALIDATION_FAILED',
    );
    expect(bad.details?.map((d) => d.path)).toEqual(['/params/id']);
  });
});
