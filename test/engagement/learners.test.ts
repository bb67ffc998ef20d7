import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { engagementLearners } from '#modules/engagement/tables.js';
import { insertCourse } from '../helpers/catalog-factories.js';
import { useCatalogTestApp as catalogTestApp, UNKNOWN_ID } from '../helpers/catalog-test-app.js';
import { countRows, expectError } from '../helpers/factories.js';
import { insertEngagementCourse, register } from './factories.js';

const { t, api, staff, owner, otherInstructor, learner } = catalogTestApp({
  staff: 'staff',
  owner: 'instructor',
  otherInstructor: 'instructor',
  learner: 'learner',
});

interface Learner {
  id: string;
  phone?: string | null;
  risk: { score: number; label: string; model: string; factors: { name: string }[] };
  courses: { courseId: string }[];
}
const data = <T>(res: { json(): unknown }) => (res.json() as { data: T }).data;

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

describe('POST /engagement/learners', () => {
  it('should add an imported learner, seal the phone and score codered-v1', async () => {
    const res = await api.post('/engagement/learners', staff, {
      externalSource: 'sis',
      externalId: 'S-1',
      displayName: 'Ada',
      cohort: 'c-2026',
      phone: '+44 20 7946 0000',
      completedPercent: 40,
      avgQuizScore: 75,
      consecutiveMissedSessions: 3,
      lastLoginAt: daysAgo(18),
    });
    expect(res.statusCode).toBe(201);
    const created = data<Learner>(res);
    expect(created.risk).toMatchObject({ score: 0.484, label: 'medium', model: 'codered-v1' });
    expect(created.phone).toBe('+44 20 7946 0000');
    const [stored] = await t.database.db
      .select({ phoneSealed: engagementLearners.phoneSealed })
      .from(engagementLearners)
      .where(eq(engagementLearners.id, created.id));
    const sealed = stored!.phoneSealed!;
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('7946');
  });

  it('should link a profile to a user with the learner role', async () => {
    const res = await api.post('/engagement/learners', staff, {
      userId: learner.id,
      cohort: 'c-2026',
    });
    expect(res.statusCode).toBe(201);
    expectError(
      await api.post('/engagement/learners', staff, { userId: learner.id }),
      409,
      'LEARNER_EXISTS',
    );
  });

  it('should refuse bad input with the field named, and leave data as it was', async () => {
    const before = await countRows(t, 'engagement_learners');
    const cases: [unknown, string][] = [
      [{}, '/body/userId'],
      [{ externalSource: 'sis' }, '/body/externalId'],
      [{ userId: staff.id }, '/body/userId'],
      [{ externalSource: 'sis', externalId: 'x', completedPercent: 101 }, 'completedPercent'],
      [{ externalSource: 'sis', externalId: 'x', preferredChannel: 'pigeon' }, 'preferredChannel'],
      [{ externalSource: 'sis', externalId: 'x', lastLoginAt: 'yesterday' }, 'lastLoginAt'],
    ];
    for (const [body, field] of cases) {
      const error = expectError(
        await api.post('/engagement/learners', staff, body),
        400,
        'VALIDATION_FAILED',
      );
      expect(JSON.stringify(error.details)).toContain(field);
    }
    expect(await countRows(t, 'engagement_learners')).toBe(before);
  });

  it('should be for staff only', async () => {
    const res = await api.post('/engagement/learners', owner, {
      externalSource: 'sis',
      externalId: 'S-9',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('GET /engagement/learners', () => {
  it('should filter by risk, sort by risk and page with a cursor', async () => {
    for (const [id, completedPercent] of [
      ['R-low', 100],
      ['R-high', 0],
      ['R-mid', 30],
    ] as const)
      await api.post('/engagement/learners', staff, {
        externalSource: 'risk',
        externalId: id,
        cohort: 'risky',
        completedPercent,
        avgQuizScore: completedPercent,
        lastLoginAt: daysAgo(1),
      });
    const sorted = data<Learner[]>(
      await api.get('/engagement/learners?cohort=risky&sort=risk', staff),
    );
    expect(sorted.map((l) => l.risk.score)).toEqual([0.7, 0.49, 0]);
    const high = await api.get('/engagement/learners?cohort=risky&risk=medium', staff);
    expect(data<Learner[]>(high).map((l) => l.risk.label)).toEqual(['medium', 'medium']);

    const first = await api.get('/engagement/learners?cohort=risky&sort=risk&limit=2', staff);
    const cursor = (first.json() as { meta: { nextCursor: string } }).meta.nextCursor;
    const second = await api.get(
      `/engagement/learners?cohort=risky&sort=risk&limit=2&cursor=${encodeURIComponent(cursor)}`,
      staff,
    );
    expect(data<Learner[]>(second).map((l) => l.risk.score)).toEqual([0]);
  });

  it('should refuse a bad risk label or cursor', async () => {
    expectError(await api.get('/engagement/learners?risk=severe', staff), 400, 'VALIDATION_FAILED');
    expectError(await api.get('/engagement/learners?cursor=nope', staff), 400, 'INVALID_CURSOR');
  });

  it('should show instructors only the learners of a course they teach', async () => {
    const catalogCourse = await insertCourse(t, { ownerId: owner.id });
    const course = await insertEngagementCourse(t, catalogCourse.id);
    const made = data<Learner>(
      await api.post('/engagement/learners', staff, { externalSource: 'sis', externalId: 'T-1' }),
    );
    await register(t, made.id, course.id);
    const mine = await api.get(`/engagement/learners?courseId=${course.id}`, owner);
    expect(data<Learner[]>(mine).map((l) => l.id)).toEqual([made.id]);
    expectError(
      await api.get(`/engagement/learners?courseId=${course.id}`, otherInstructor),
      403,
      'NOT_COURSE_INSTRUCTOR',
    );
    expectError(await api.get('/engagement/learners', owner), 403, 'COURSE_ID_REQUIRED');
    expect((await api.get('/engagement/learners', learner)).statusCode).toBe(403);

    const detail = await api.get(`/engagement/learners/${made.id}`, owner);
    expect(detail.statusCode).toBe(200);
    expect(data<Learner>(detail).courses.map((c) => c.courseId)).toEqual([course.id]);
    expect(data<Learner>(detail).phone).toBeUndefined();
    expectError(
      await api.get(`/engagement/learners/${made.id}`, otherInstructor),
      404,
      'LEARNER_NOT_FOUND',
    );
  });
});

describe('GET /engagement/learners/:id', () => {
  it('should let a learner read only their own profile', async () => {
    const list = data<(Learner & { userId: string | null })[]>(
      await api.get('/engagement/learners?limit=100', staff),
    );
    const own = list.find((l) => l.userId === learner.id)!;
    const res = await api.get(`/engagement/learners/${own.id}`, learner);
    expect(res.statusCode).toBe(200);
    expect(data<Learner>(res).risk.model).toBe('codered-v1');
    expect(data<Learner>(res).risk.factors.map((f) => f.name)).toEqual([
      'completion',
      'quiz',
      'missedSessions',
      'recency',
    ]);
    const other = list.find((l) => l.userId === null)!;
    expectError(
      await api.get(`/engagement/learners/${other.id}`, learner),
      404,
      'LEARNER_NOT_FOUND',
    );
    expectError(
      await api.get(`/engagement/learners/${UNKNOWN_ID}`, staff),
      404,
      'LEARNER_NOT_FOUND',
    );
    expectError(await api.get('/engagement/learners/not-a-uuid', staff), 400, 'VALIDATION_FAILED');
    expect((await api.get(`/engagement/learners/${own.id}`)).statusCode).toBe(401);
  });
});
