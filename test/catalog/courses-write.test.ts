import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { purgeDeletedCourses } from '#modules/catalog/courses/index.js';
import { courses, lessons } from '#modules/catalog/tables.js';
import { testClock } from '#platform/clock/index.js';
import { inTransaction } from '#platform/db/index.js';
import {
  insertCategory,
  insertCourse,
  insertPublishedCourse,
} from '../helpers/catalog-factories.js';
import { UNKNOWN_ID, useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { auditRows, countRows, createUserAndLogin, expectError } from '../helpers/factories.js';
import { ids } from './courses-helpers.js';

const DAY_MS = 86_400_000;
const clock = testClock();
const { t, api, admin, staff, owner, otherInstructor, learner } = useCatalogTestApp(
  {
    admin: 'admin',
    staff: 'staff',
    owner: 'instructor',
    otherInstructor: 'instructor',
    learner: 'learner',
  },
  {},
  { clock },
);

const eventsOf = (courseId: string) =>
  t.database.query<{ type: string; actor_id: string; data: Record<string, unknown> }>(
    "select type, actor_id, data from outbox_events where subject_type = 'course' and subject_id = $1 order by id",
    [courseId],
  );
const rowOf = async (id: string) =>
  (await t.database.db.select().from(courses).where(eq(courses.id, id)))[0]!;
const ifMatch = (version: number | string) => ({ 'if-match': `"${version}"` });

describe('POST /api/v1/courses', () => {
  it('should create a draft owned by the caller, with a slug from the title', async () => {
    const category = await insertCategory(t, 'Create Tests');
    const res = await api.post('/courses', owner, {
      title: 'Intro to Ærodynamics: Wings & Things',
      summary: 'Lift, drag and thrust.',
      description: '# Week 1\nAirfoils.',
      categorySlug: category.slug,
      level: 'beginner',
      language: 'en-GB',
      tags: ['Physics', ' physics ', 'Flight  Lab'],
    });
    expect(res.statusCode).toBe(201);
    const course = res.json().data;
    expect(res.headers.location).toBe(`/api/v1/courses/${course.id}`);
    expect(course).toMatchObject({
      slug: 'intro-to-rodynamics-wings-things',
      title: 'Intro to Ærodynamics: Wings & Things',
      status: 'draft',
      publishedAt: null,
      version: 1,
      level: 'beginner',
      language: 'en-GB',
      tags: ['flight lab', 'physics'],
      category: { id: category.id, slug: category.slug, name: 'Create Tests' },
      lessonCount: 0,
    });
    const detail = await api.get(`/courses/${course.id}?include=instructors`, owner);
    expect(detail.json().data.instructors).toEqual([
      expect.objectContaining({ userId: owner.id, role: 'owner' }),
    ]);
    expect(await eventsOf(course.id)).toEqual([
      expect.objectContaining({ type: 'course.created', actor_id: owner.id }),
    ]);
    expect((await auditRows(t, 'course.created')).at(-1)).toMatchObject({
      actor_id: owner.id,
      resource_type: 'course',
      resource_id: course.id,
    });
  });

  it('should number generated slugs that are taken, and refuse a chosen slug that is', async () => {
    const first = await api.post('/courses', owner, { title: 'Number Theory' });
    const second = await api.post('/courses', owner, { title: 'Number theory!' });
    const third = await api.post('/courses', staff, { title: 'number-theory' });
    expect([first, second, third].map((r) => r.json().data.slug)).toEqual([
      'number-theory',
      'number-theory-2',
      'number-theory-3',
    ]);
    const before = await countRows(t, 'courses');
    const taken = expectError(
      await api.post('/courses', owner, { title: 'Other', slug: 'number-theory-2' }),
      409,
      'SLUG_TAKEN',
    );
    expect(taken.details?.[0]?.path).toBe('/body/slug');
    expect(await countRows(t, 'courses')).toBe(before);
    const chosen = await api.post('/courses', owner, { title: 'Other', slug: 'my-own-slug' });
    expect(chosen.json().data.slug).toBe('my-own-slug');
  });

  it('should answer 400 for invalid bodies and 422 for an unknown category', async () => {
    const before = await countRows(t, 'courses');
    const bad = expectError(
      await api.post('/courses', owner, { slug: 'Not A Slug', level: 'expert', tags: [''] }),
      400,
      'VALIDATION_FAILED',
    );
    expect(bad.details?.map((d) => d.path)).toEqual(
      expect.arrayContaining(['/body/title', '/body/slug', '/body/level', '/body/tags/0']),
    );
    const tooMany = Array.from({ length: 21 }, (_, i) => `tag ${i}`);
    expectError(
      await api.post('/courses', owner, { title: 'T', tags: tooMany }),
      400,
      'TOO_MANY_TAGS',
    );
    expectError(
      await api.post('/courses', owner, { title: 'T', categorySlug: 'nope', categoryId: owner.id }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await api.post('/courses', owner, { title: 'T', categorySlug: 'no-such-category' }),
      422,
      'UNKNOWN_CATEGORY',
    );
    expect(await countRows(t, 'courses')).toBe(before);
  });

  it('should answer 401 anonymous and 403 without courses:create', async () => {
    const before = await countRows(t, 'courses');
    expectError(await api.post('/courses', undefined, { title: 'T' }), 401, 'UNAUTHORIZED');
    expectError(await api.post('/courses', learner, { title: 'T' }), 403, 'PERMISSION_DENIED');
    expect(await countRows(t, 'courses')).toBe(before);
  });
});

describe('PATCH /api/v1/courses/:id', () => {
  it('should change the course with the right If-Match, bump the version and audit it', async () => {
    const course = await insertCourse(t, { ownerId: owner.id });
    const category = await insertCategory(t, 'Patch Tests');
    const res = await api.patch(
      `/courses/${course.id}`,
      owner,
      { title: 'Renamed', summary: null, categoryId: category.id, tags: ['New', 'new'] },
      ifMatch(1),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      title: 'Renamed',
      summary: null,
      version: 2,
      tags: ['new'],
      category: { id: category.id },
    });
    expect((await auditRows(t, 'course.updated')).at(-1)).toMatchObject({
      actor_id: owner.id,
      resource_id: course.id,
      details: { fields: ['categoryId', 'summary', 'tags', 'title'], version: 2 },
    });
    const cleared = await api.patch(
      `/courses/${course.id}`,
      staff,
      { categoryId: null },
      ifMatch(2),
    );
    expect(cleared.json().data).toMatchObject({ category: null, version: 3 });
  });

  it('should require If-Match (428) and refuse a stale one (412), changing nothing', async () => {
    const course = await insertCourse(t, { ownerId: owner.id, title: 'Unchanged' });
    expectError(
      await api.patch(`/courses/${course.id}`, owner, { title: 'X' }),
      428,
      'PRECONDITION_REQUIRED',
    );
    expectError(
      await api.patch(`/courses/${course.id}`, owner, { title: 'X' }, ifMatch(7)),
      412,
      'VERSION_MISMATCH',
    );
    expectError(
      await api.patch(`/courses/${course.id}`, owner, { title: 'X' }, { 'if-match': 'nope' }),
      400,
      'INVALID_IF_MATCH',
    );
    expect(await rowOf(course.id)).toMatchObject({ title: 'Unchanged', version: 1 });
  });

  it('should refuse a taken slug (409) and invalid bodies (400)', async () => {
    const taken = await insertCourse(t, { ownerId: owner.id });
    const course = await insertCourse(t, { ownerId: owner.id });
    expectError(
      await api.patch(`/courses/${course.id}`, owner, { slug: taken.slug }, ifMatch(1)),
      409,
      'SLUG_TAKEN',
    );
    expectError(
      await api.patch(`/courses/${course.id}`, owner, {}, ifMatch(1)),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await api.patch(`/courses/${course.id}`, owner, { title: '' }, ifMatch(1)),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await api.patch(`/courses/${course.id}`, owner, { coverFileId: owner.id }, ifMatch(1)),
      422,
      'UNKNOWN_FILE',
    );
    expectError(
      await api.patch('/courses/not-a-uuid', owner, { title: 'X' }, ifMatch(1)),
      400,
      'VALIDATION_FAILED',
    );
    expect(await rowOf(course.id)).toMatchObject({ slug: course.slug, version: 1 });
  });

  it("should answer 401, 403 for someone else's course, 404 for unknown or deleted ones", async () => {
    const course = await insertCourse(t, { ownerId: owner.id, title: 'Mine' });
    expectError(
      await api.patch(`/courses/${course.id}`, undefined, { title: 'X' }, ifMatch(1)),
      401,
      'UNAUTHORIZED',
    );
    expectError(
      await api.patch(`/courses/${course.id}`, otherInstructor, { title: 'X' }, ifMatch(1)),
      403,
      'NOT_COURSE_INSTRUCTOR',
    );
    expectError(
      await api.patch(`/courses/${course.id}`, learner, { title: 'X' }, ifMatch(1)),
      403,
      'PERMISSION_DENIED',
    );
    expectError(
      await api.patch(`/courses/${UNKNOWN_ID}`, owner, { title: 'X' }, ifMatch(1)),
      404,
      'COURSE_NOT_FOUND',
    );
    expect(await rowOf(course.id)).toMatchObject({ title: 'Mine', version: 1 });
  });

  it('should show the new title at once in a cached detail and list', async () => {
    const { course } = await insertPublishedCourse(t, owner.id, {
      title: 'Cached',
      language: 'is',
    });
    expect((await api.get(`/courses/${course.id}`)).json().data.title).toBe('Cached');
    expect((await api.get('/courses?language=is')).json().data[0].title).toBe('Cached');
    await api.patch(`/courses/${course.id}`, owner, { title: 'Fresh' }, ifMatch(1));
    const detail = await api.get(`/courses/${course.id}`);
    expect(detail.json().data.title).toBe('Fresh');
    expect(detail.json().data.version).toBe(2);
    expect((await api.get('/courses?language=is')).json().data[0].title).toBe('Fresh');
  });
});

describe('DELETE /api/v1/courses/:id', () => {
  it('should soft-delete: the course disappears everywhere at once, with event and audit', async () => {
    const { course } = await insertPublishedCourse(t, owner.id, { language: 'ga' });
    expect(ids(await api.get('/courses?language=ga'))).toEqual([course.id]);
    expect((await api.get(`/courses/${course.id}`)).statusCode).toBe(200);
    const res = await api.del(`/courses/${course.id}`, owner);
    expect(res.statusCode).toBe(204);
    expectError(await api.get(`/courses/${course.id}`), 404, 'COURSE_NOT_FOUND');
    expectError(await api.get(`/courses/${course.slug}`, staff), 404, 'COURSE_NOT_FOUND');
    expect(ids(await api.get('/courses?language=ga'))).toEqual([]);
    expect(ids(await api.get('/courses?language=ga&status=all', staff))).toEqual([]);
    expectError(
      await api.patch(`/courses/${course.id}`, owner, { title: 'X' }, ifMatch(2)),
      404,
      'COURSE_NOT_FOUND',
    );
    expectError(await api.del(`/courses/${course.id}`, owner), 404, 'COURSE_NOT_FOUND');
    expect((await rowOf(course.id)).deletedAt).toBeInstanceOf(Date);
    expect((await eventsOf(course.id)).map((e) => e.type)).toEqual(['course.deleted']);
    expect((await auditRows(t, 'course.deleted')).at(-1)).toMatchObject({
      actor_id: owner.id,
      resource_id: course.id,
    });
  });

  it('should let only the owner or staff delete', async () => {
    const course = await insertCourse(t, { ownerId: owner.id });
    await t.database.query(
      "insert into course_instructors (course_id, user_id, role) values ($1, $2, 'co_instructor')",
      [course.id, otherInstructor.id],
    );
    expectError(await api.del(`/courses/${course.id}`, otherInstructor), 403, 'NOT_COURSE_OWNER');
    expectError(await api.del(`/courses/${course.id}`, learner), 403, 'PERMISSION_DENIED');
    expectError(await api.del(`/courses/${course.id}`), 401, 'UNAUTHORIZED');
    expectError(await api.del('/courses/42', owner), 400, 'VALIDATION_FAILED');
    expect((await rowOf(course.id)).deletedAt).toBeNull();
    expect((await api.del(`/courses/${course.id}`, staff)).statusCode).toBe(204);
  });
});

describe('POST /api/v1/courses/:id/restore', () => {
  it('should let an admin restore a recently deleted course', async () => {
    const { course } = await insertPublishedCourse(t, owner.id, { language: 'mt' });
    await api.del(`/courses/${course.id}`, owner);
    expect(ids(await api.get('/courses?language=mt'))).toEqual([]);
    const res = await api.post(`/courses/${course.id}/restore`, admin);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({ id: course.id, status: 'published', version: 3 });
    expect(ids(await api.get('/courses?language=mt'))).toEqual([course.id]);
    expect((await eventsOf(course.id)).map((e) => e.type)).toEqual([
      'course.deleted',
      'course.restored',
    ]);
    expect((await auditRows(t, 'course.restored')).at(-1)).toMatchObject({
      actor_id: admin.id,
      resource_id: course.id,
    });
  });

  it('should refuse non-admins, live courses, unknown ones and old deletions', async () => {
    const course = await insertCourse(t, { ownerId: owner.id });
    expectError(await api.post(`/courses/${course.id}/restore`, admin), 409, 'COURSE_NOT_DELETED');
    await api.del(`/courses/${course.id}`, owner);
    expectError(await api.post(`/courses/${course.id}/restore`, staff), 403, 'ADMIN_ONLY');
    expectError(await api.post(`/courses/${course.id}/restore`, owner), 403, 'ADMIN_ONLY');
    expectError(await api.post(`/courses/${course.id}/restore`), 401, 'UNAUTHORIZED');
    expectError(await api.post(`/courses/${UNKNOWN_ID}/restore`, admin), 404, 'COURSE_NOT_FOUND');
    clock.advance(31 * DAY_MS);
    try {
      // Signed in 31 days on, so that the check is about the course, not an old session.
      const lateAdmin = await createUserAndLogin(t, ['admin']);
      expectError(
        await api.post(`/courses/${course.id}/restore`, lateAdmin),
        409,
        'RESTORE_WINDOW_EXPIRED',
      );
    } finally {
      clock.advance(-31 * DAY_MS);
    }
    expect((await rowOf(course.id)).deletedAt).not.toBeNull();
  });
});

describe('purgeDeletedCourses', () => {
  it('should delete for good the courses deleted more than 30 days ago, and only those', async () => {
    const old = await insertPublishedCourse(t, owner.id);
    const recent = await insertCourse(t, { ownerId: owner.id });
    const live = await insertCourse(t, { ownerId: owner.id });
    const setDeleted = (id: string, daysAgo: number) =>
      t.database.db
        .update(courses)
        .set({ deletedAt: new Date(clock.nowMs() - daysAgo * DAY_MS) })
        .where(eq(courses.id, id));
    const storage = t.app.lectern.storage;
    const fileRow = async (name: string) => {
      const bytes = await storage.store.put(Readable.from([Buffer.from(name)]), {
        filename: name,
        contentType: 'application/octet-stream',
        maxBytes: 1024,
      });
      return inTransaction(t.database.db, ({ tx }) =>
        storage.record(tx, { ...bytes, ownerId: owner.id, filename: name, contentType: 'x/y' }),
      );
    };
    const cover = await fileRow('cover.png');
    const video = await fileRow('lesson.mp4');
    const keptCover = await fileRow('kept.png');
    await t.database.db
      .update(courses)
      .set({ coverFileId: cover.id })
      .where(eq(courses.id, old.course.id));
    await t.database.db
      .update(lessons)
      .set({ fileId: video.id })
      .where(eq(lessons.id, old.lesson.id));
    await t.database.db
      .update(courses)
      .set({ coverFileId: keptCover.id })
      .where(eq(courses.id, recent.id));
    await setDeleted(old.course.id, 31);
    await setDeleted(recent.id, 29);
    const lessonsBefore = await countRows(t, 'lessons');
    const result = await purgeDeletedCourses(t.database.db, storage, clock);
    expect(result.purged).toBeGreaterThanOrEqual(1);
    // The purged course's files are marked deleted (the nightly clean-up removes the bytes).
    expect(result.files).toBeGreaterThanOrEqual(2);
    expect(await storage.find(t.database.db, cover.id)).toBeUndefined();
    expect(await storage.find(t.database.db, video.id)).toBeUndefined();
    expect(await storage.find(t.database.db, keptCover.id)).toBeDefined();
    const remaining = await t.database.query<{ id: string }>(
      'select id from courses where id = any($1)',
      [[old.course.id, recent.id, live.id]],
    );
    expect(remaining.map((r) => r.id).sort()).toEqual([recent.id, live.id].sort());
    expect(await countRows(t, 'lessons')).toBe(lessonsBefore - 1);
    expect((await auditRows(t, 'course.purged')).map((r) => r.resource_id)).toContain(
      old.course.id,
    );
    expect((await purgeDeletedCourses(t.database.db, storage, clock)).purged).toBe(0);
  });
});
