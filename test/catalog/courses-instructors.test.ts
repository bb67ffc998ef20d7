import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '#platform/auth/tables.js';
import { insertCourse, insertPublishedCourse } from '../helpers/catalog-factories.js';
import { UNKNOWN_ID, useCatalogTestApp } from '../helpers/catalog-test-app.js';
import {
  auditRows,
  countRows,
  createUserAndLogin,
  expectError,
  type TestUser,
} from '../helpers/factories.js';

const { t, api, staff, owner, helper, another, learner } = useCatalogTestApp({
  staff: { role: 'staff', name: 'Sam Staff' },
  owner: { role: 'instructor', name: 'Olga Owner' },
  helper: { role: 'instructor', name: 'Hugo Helper' },
  another: { role: 'instructor', name: 'Ada Another' },
  learner: 'learner',
});

const add = (courseId: string, userId: string, caller?: TestUser) =>
  api.post(`/courses/${courseId}/instructors`, caller, { userId });

describe('GET /api/v1/courses/:id/instructors', () => {
  it('should list the owner first, then co-instructors, for anyone who may read the course', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    await add(course.id, helper.id, owner);
    const res = await api.get(`/courses/${course.slug}/instructors`);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual([
      { userId: owner.id, name: 'Olga Owner', role: 'owner' },
      { userId: helper.id, name: 'Hugo Helper', role: 'co_instructor' },
    ]);
  });

  it('should hide the instructors of drafts like the drafts themselves', async () => {
    const draft = await insertCourse(t, { ownerId: owner.id });
    expectError(await api.get(`/courses/${draft.id}/instructors`), 404, 'COURSE_NOT_FOUND');
    expectError(
      await api.get(`/courses/${draft.slug}/instructors`, learner),
      404,
      'COURSE_NOT_FOUND',
    );
    expect((await api.get(`/courses/${draft.id}/instructors`, owner)).statusCode).toBe(200);
    expectError(await api.get('/courses/no-such/instructors'), 404, 'COURSE_NOT_FOUND');
  });
});

describe('POST /api/v1/courses/:id/instructors', () => {
  it('should add a co-instructor who may then manage the course', async () => {
    const course = await insertCourse(t, { ownerId: owner.id });
    expectError(
      await api.patch(`/courses/${course.id}`, helper, { title: 'X' }, { 'if-match': '"1"' }),
      403,
      'NOT_COURSE_INSTRUCTOR',
    );
    const res = await add(course.id, helper.id, owner);
    expect(res.statusCode).toBe(201);
    expect(res.json().data).toEqual({
      userId: helper.id,
      name: 'Hugo Helper',
      role: 'co_instructor',
    });
    expect(res.headers.location).toBe(`/api/v1/courses/${course.id}/instructors`);
    // Adding an instructor changes the course detail, so its version (the ETag) moved on.
    const read = await api.get(`/courses/${course.id}`, helper);
    expect(read.headers.etag).toBe('"2"');
    const patched = await api.patch(
      `/courses/${course.id}`,
      helper,
      { title: 'Co-taught' },
      { 'if-match': read.headers.etag as string },
    );
    expect(patched.statusCode).toBe(200);
    expect((await auditRows(t, 'course.instructor_added')).at(-1)).toMatchObject({
      actor_id: owner.id,
      resource_id: course.id,
      details: { userId: helper.id },
    });
    // Staff may add too, and the cached detail shows the change at once.
    const { course: published } = await insertPublishedCourse(t, owner.id);
    expect(
      (await api.get(`/courses/${published.id}?include=instructors`)).json().data.instructors,
    ).toHaveLength(1);
    expect((await add(published.id, another.id, staff)).statusCode).toBe(201);
    expect(
      (await api.get(`/courses/${published.id}?include=instructors`)).json().data.instructors,
    ).toHaveLength(2);
  });

  it('should refuse unknown users, non-instructors, disabled users and duplicates', async () => {
    const course = await insertCourse(t, { ownerId: owner.id });
    const before = await countRows(t, 'course_instructors');
    expectError(await add(course.id, UNKNOWN_ID, owner), 422, 'UNKNOWN_USER');
    expectError(await add(course.id, learner.id, owner), 422, 'NOT_AN_INSTRUCTOR');
    const disabled = await createUserAndLogin(t, ['instructor']);
    await t.database.db
      .update(users)
      .set({ disabledAt: new Date() })
      .where(eq(users.id, disabled.id));
    expectError(await add(course.id, disabled.id, owner), 422, 'NOT_AN_INSTRUCTOR');
    expectError(await add(course.id, owner.id, owner), 409, 'ALREADY_INSTRUCTOR');
    expectError(
      await api.post(`/courses/${course.id}/instructors`, owner, { userId: 'me' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await countRows(t, 'course_instructors')).toBe(before);
    expect((await add(course.id, staff.id, owner)).statusCode).toBe(201);
  });

  it('should let only the owner or staff add, never co-instructors or strangers', async () => {
    const course = await insertCourse(t, { ownerId: owner.id });
    await add(course.id, helper.id, owner);
    const before = await countRows(t, 'course_instructors');
    expectError(await add(course.id, another.id, helper), 403, 'NOT_COURSE_OWNER');
    expectError(await add(course.id, another.id, another), 403, 'NOT_COURSE_INSTRUCTOR');
    expectError(await add(course.id, another.id, learner), 403, 'PERMISSION_DENIED');
    expectError(await add(course.id, another.id), 401, 'UNAUTHORIZED');
    expectError(await add(UNKNOWN_ID, another.id, owner), 404, 'COURSE_NOT_FOUND');
    expect(await countRows(t, 'course_instructors')).toBe(before);
  });
});

describe('DELETE /api/v1/courses/:id/instructors/:userId', () => {
  it('should remove a co-instructor, who then may no longer manage the course', async () => {
    const course = await insertCourse(t, { ownerId: owner.id });
    await add(course.id, helper.id, owner);
    const res = await api.del(`/courses/${course.id}/instructors/${helper.id}`, owner);
    expect(res.statusCode).toBe(204);
    expectError(
      await api.post(`/courses/${course.id}/archive`, helper),
      403,
      'NOT_COURSE_INSTRUCTOR',
    );
    expect((await auditRows(t, 'course.instructor_removed')).at(-1)).toMatchObject({
      resource_id: course.id,
      details: { userId: helper.id },
    });
    expectError(
      await api.del(`/courses/${course.id}/instructors/${helper.id}`, owner),
      404,
      'INSTRUCTOR_NOT_FOUND',
    );
  });

  it('should never remove the owner, and let only the owner or staff remove', async () => {
    const course = await insertCourse(t, { ownerId: owner.id });
    await add(course.id, helper.id, owner);
    await add(course.id, another.id, owner);
    const before = await countRows(t, 'course_instructors');
    expectError(
      await api.del(`/courses/${course.id}/instructors/${owner.id}`, staff),
      409,
      'CANNOT_REMOVE_OWNER',
    );
    expectError(
      await api.del(`/courses/${course.id}/instructors/${another.id}`, helper),
      403,
      'NOT_COURSE_OWNER',
    );
    expectError(
      await api.del(`/courses/${course.id}/instructors/${another.id}`, learner),
      403,
      'PERMISSION_DENIED',
    );
    expectError(
      await api.del(`/courses/${course.id}/instructors/${another.id}`),
      401,
      'UNAUTHORIZED',
    );
    expectError(
      await api.del(`/courses/${course.id}/instructors/nope`, owner),
      400,
      'VALIDATION_FAILED',
    );
    expect(await countRows(t, 'course_instructors')).toBe(before);
    expect(
      (await api.del(`/courses/${course.id}/instructors/${another.id}`, staff)).statusCode,
    ).toBe(204);
  });
});
