import { describe, expect, it } from 'vitest';
import { insertCategory, insertCourse } from '../helpers/catalog-factories.js';
import { UNKNOWN_ID, useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { auditRows, countRows, expectError } from '../helpers/factories.js';

const { t, api, staff, admin, instructor } = useCatalogTestApp({
  staff: 'staff',
  admin: 'admin',
  instructor: 'instructor',
});

describe('GET /api/v1/categories', () => {
  it('should list categories in order with their number of published courses, in pages', async () => {
    const second = await api.post('/categories', staff, { name: 'Biology', position: 2 });
    const first = await api.post('/categories', staff, { name: 'Astronomy', position: 1 });
    const third = await api.post('/categories', staff, { name: 'Chemistry', position: 3 });
    const astronomy = first.json().data.id;
    await insertCourse(t, { ownerId: instructor.id, status: 'published', categoryId: astronomy });
    await insertCourse(t, { ownerId: instructor.id, status: 'published', categoryId: astronomy });
    await insertCourse(t, { ownerId: instructor.id, status: 'draft', categoryId: astronomy });
    const deleted = await insertCourse(t, {
      ownerId: instructor.id,
      status: 'published',
      categoryId: astronomy,
    });
    await t.database.query('update courses set deleted_at = now() where id = $1', [deleted.id]);

    const page1 = await api.get('/categories?limit=2');
    expect(page1.statusCode).toBe(200);
    expect(page1.json().data.map((c: { name: string }) => c.name)).toEqual([
      'Astronomy',
      'Biology',
    ]);
    expect(page1.json().data[0]).toMatchObject({ slug: 'astronomy', courseCount: 2, position: 1 });
    expect(page1.json().data[1].courseCount).toBe(0);
    const cursor = page1.json().meta.nextCursor;
    expect(page1.headers.link).toContain(cursor);
    const page2 = await api.get(`/categories?limit=2&cursor=${cursor}`);
    expect(page2.json().data.map((c: { id: string }) => c.id)).toEqual([third.json().data.id]);
    expect(page2.json().meta.nextCursor).toBeNull();
    expect(second.json().data.slug).toBe('biology');
    expectError(await api.get('/categories?cursor=bad'), 400, 'INVALID_CURSOR');
    expectError(await api.get('/categories?limit=1000'), 400, 'VALIDATION_FAILED');
  });

  it('should show one category by id, 404 for unknown ones', async () => {
    const category = await insertCategory(t, 'Single One');
    const res = await api.get(`/categories/${category.id}`);
    expect(res.json().data).toMatchObject({ id: category.id, name: 'Single One', courseCount: 0 });
    expect(res.headers.etag).toBeDefined();
    expectError(await api.get(`/categories/${UNKNOWN_ID}`), 404, 'CATEGORY_NOT_FOUND');
  });
});

describe('POST /api/v1/categories', () => {
  it('should create a category for staff and admins, with audit', async () => {
    const res = await api.post('/categories', admin, {
      name: 'Earth & Space',
      description: 'Rocks and stars.',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().data).toMatchObject({
      slug: 'earth-space',
      name: 'Earth & Space',
      description: 'Rocks and stars.',
      position: 0,
      courseCount: 0,
    });
    expect(res.headers.location).toBe(`/api/v1/categories/${res.json().data.id}`);
    expect((await auditRows(t, 'category.created')).at(-1)).toMatchObject({
      actor_id: admin.id,
      resource_id: res.json().data.id,
    });
  });

  it('should refuse taken slugs, invalid bodies and callers without courses:manage_any', async () => {
    await api.post('/categories', staff, { name: 'Taken', slug: 'taken' });
    const before = await countRows(t, 'categories');
    expectError(await api.post('/categories', staff, { name: 'Taken' }), 409, 'SLUG_TAKEN');
    expectError(
      await api.post('/categories', staff, { name: 'Other', slug: 'taken' }),
      409,
      'SLUG_TAKEN',
    );
    expectError(
      await api.post('/categories', staff, { name: '', slug: 'Bad Slug' }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await api.post('/categories', instructor, { name: 'X' }), 403, 'PERMISSION_DENIED');
    expectError(await api.post('/categories', undefined, { name: 'X' }), 401, 'UNAUTHORIZED');
    expect(await countRows(t, 'categories')).toBe(before);
  });
});

describe('PATCH /api/v1/categories/:id', () => {
  it('should rename a category, and cached course views show the new name at once', async () => {
    const category = await insertCategory(t, 'Old Name');
    const course = await insertCourse(t, {
      ownerId: instructor.id,
      status: 'published',
      categoryId: category.id,
      language: 'nl',
    });
    expect((await api.get(`/courses/${course.id}`)).json().data.category.name).toBe('Old Name');
    expect((await api.get('/courses?language=nl')).json().data[0].category.name).toBe('Old Name');
    const res = await api.patch(`/categories/${category.id}`, staff, {
      name: 'New Name',
      description: null,
      position: 5,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({ name: 'New Name', position: 5, courseCount: 1 });
    expect((await api.get(`/courses/${course.id}`)).json().data.category.name).toBe('New Name');
    expect((await api.get('/courses?language=nl')).json().data[0].category.name).toBe('New Name');
    expect((await auditRows(t, 'category.updated')).at(-1)?.resource_id).toBe(category.id);
  });

  it('should answer 409 for a taken slug, 400, 401, 403 and 404', async () => {
    const category = await insertCategory(t, 'Keep Me');
    await insertCategory(t, 'Other Slug');
    expectError(
      await api.patch(`/categories/${category.id}`, staff, { slug: 'other-slug' }),
      409,
      'SLUG_TAKEN',
    );
    expectError(await api.patch(`/categories/${category.id}`, staff, {}), 400, 'VALIDATION_FAILED');
    expectError(
      await api.patch(`/categories/${category.id}`, instructor, { name: 'X' }),
      403,
      'PERMISSION_DENIED',
    );
    expectError(
      await api.patch(`/categories/${category.id}`, undefined, { name: 'X' }),
      401,
      'UNAUTHORIZED',
    );
    expectError(
      await api.patch(`/categories/${UNKNOWN_ID}`, staff, { name: 'X' }),
      404,
      'CATEGORY_NOT_FOUND',
    );
    expect((await api.get(`/categories/${category.id}`)).json().data).toMatchObject({
      name: 'Keep Me',
      slug: 'keep-me',
    });
  });
});

describe('DELETE /api/v1/categories/:id', () => {
  it('should delete an unused category, and refuse one in use with 409', async () => {
    const unused = await insertCategory(t, 'Unused');
    const used = await insertCategory(t, 'Used');
    await insertCourse(t, { ownerId: instructor.id, status: 'draft', categoryId: used.id });
    const inUse = expectError(
      await api.del(`/categories/${used.id}`, staff),
      409,
      'CATEGORY_IN_USE',
    );
    expect(inUse.message).toMatch(/1 course/);
    expectError(await api.del(`/categories/${used.id}`, instructor), 403, 'PERMISSION_DENIED');
    expectError(await api.del(`/categories/${used.id}`), 401, 'UNAUTHORIZED');
    expectError(await api.del('/categories/zzz', staff), 400, 'VALIDATION_FAILED');
    expect((await api.get(`/categories/${used.id}`)).statusCode).toBe(200);
    expect((await api.del(`/categories/${unused.id}`, staff)).statusCode).toBe(204);
    expectError(await api.get(`/categories/${unused.id}`), 404, 'CATEGORY_NOT_FOUND');
    expectError(await api.del(`/categories/${unused.id}`, staff), 404, 'CATEGORY_NOT_FOUND');
    expect((await auditRows(t, 'category.deleted')).at(-1)?.resource_id).toBe(unused.id);
  });
});
