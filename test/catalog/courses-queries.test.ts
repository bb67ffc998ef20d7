import { describe, expect, it } from 'vitest';
import {
  courseInstructors,
  courseSections,
  courses,
  courseTags,
  lessons,
} from '#modules/catalog/tables.js';
import { newId } from '#platform/db/index.js';
import { useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { countQueries } from '../helpers/count-queries.js';

const { t, api, owner, coInstructor, staff } = useCatalogTestApp({
  owner: 'instructor',
  coInstructor: 'instructor',
  staff: 'staff',
});

const CHUNK = 500;
async function insertAll<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** Published courses with a tag, two instructors, and sections of lessons, in a few statements. */
async function seedCourses(count: number, tag: string, sectionsEach: number, lessonsEach: number) {
  const db = t.database.db;
  const courseRows = Array.from({ length: count }, (_, i) => ({
    id: newId(),
    slug: `${tag}-${i}`,
    title: `${tag} course ${i}`,
    summary: 'Seeded.',
    status: 'published',
    publishedAt: new Date(),
  }));
  const sectionRows = courseRows.flatMap((course) =>
    Array.from({ length: sectionsEach }, (_, position) => ({
      id: newId(),
      courseId: course.id,
      title: `Section ${position}`,
      position,
    })),
  );
  const lessonRows = sectionRows.flatMap((section) =>
    Array.from({ length: lessonsEach }, (_, position) => ({
      courseId: section.courseId,
      sectionId: section.id,
      title: `Lesson ${position}`,
      kind: 'text',
      position,
      durationSeconds: 60,
    })),
  );
  await insertAll(courseRows, (chunk) => db.insert(courses).values(chunk));
  await insertAll(courseRows, (chunk) =>
    db.insert(courseInstructors).values(
      chunk.flatMap((c) => [
        { courseId: c.id, userId: owner.id, role: 'owner' },
        { courseId: c.id, userId: coInstructor.id, role: 'co_instructor' },
      ]),
    ),
  );
  await insertAll(courseRows, (chunk) =>
    db.insert(courseTags).values(chunk.map((c) => ({ courseId: c.id, tag }))),
  );
  await insertAll(sectionRows, (chunk) => db.insert(courseSections).values(chunk));
  await insertAll(lessonRows, (chunk) => db.insert(lessons).values(chunk));
  return courseRows.map((c) => c.id);
}

const FULL = 'include=sections,lessons,instructors';

describe('GET /api/v1/courses with includes', () => {
  it('should issue the same few queries for a page of 5 courses as for a page of 100', async () => {
    await seedCourses(5, 'small-set', 2, 2);
    await seedCourses(200, 'large-set', 2, 2);
    const small = await countQueries(t, (requestId) =>
      api.get(`/courses?tag=small-set&${FULL}&limit=100`, undefined, { 'x-request-id': requestId }),
    );
    const large = await countQueries(t, (requestId) =>
      api.get(`/courses?tag=large-set&${FULL}&limit=100`, undefined, { 'x-request-id': requestId }),
    );
    expect(small.response.statusCode).toBe(200);
    expect(large.response.statusCode).toBe(200);
    expect(small.response.json().data).toHaveLength(5);
    const page = large.response.json().data;
    expect(page).toHaveLength(100);
    expect(page[99].sections).toHaveLength(2);
    expect(page[99].sections[1].lessons).toHaveLength(2);
    expect(page[99].instructors).toHaveLength(2);
    // The page, then one query per include: never one per course.
    expect(small.queries).toBeGreaterThan(0);
    expect(large.queries).toBe(small.queries);
    expect(large.queries).toBeLessThanOrEqual(4);

    // The same page again comes from the cache.
    const again = await countQueries(t, (requestId) =>
      api.get(`/courses?tag=large-set&${FULL}&limit=100`, undefined, { 'x-request-id': requestId }),
    );
    expect(again.response.json().data).toEqual(page);
    expect(again.queries).toBe(0);
  });

  it('should keep the query count constant for staff views too (uncached)', async () => {
    // The staff session warm in the credential cache, so only the listing's queries count.
    await api.get('/courses?tag=small-set&status=all', staff);
    const small = await countQueries(t, (requestId) =>
      api.get(`/courses?tag=small-set&status=all&${FULL}&limit=100`, staff, {
        'x-request-id': requestId,
      }),
    );
    const large = await countQueries(t, (requestId) =>
      api.get(`/courses?tag=large-set&status=all&${FULL}&limit=100`, staff, {
        'x-request-id': requestId,
      }),
    );
    expect(large.response.json().data).toHaveLength(100);
    expect(large.queries).toBe(small.queries);
  });
});

describe('GET /api/v1/courses/:idOrSlug with includes', () => {
  it('should issue the same queries for 1 section as for 30 sections', async () => {
    const [one] = await seedCourses(1, 'one-section', 1, 3);
    const [thirty] = await seedCourses(1, 'thirty-sections', 30, 3);
    const few = await countQueries(t, (requestId) =>
      api.get(`/courses/${one}?${FULL}`, undefined, { 'x-request-id': requestId }),
    );
    const many = await countQueries(t, (requestId) =>
      api.get(`/courses/${thirty}?${FULL}`, undefined, { 'x-request-id': requestId }),
    );
    expect(few.response.json().data.sections).toHaveLength(1);
    expect(many.response.json().data.sections).toHaveLength(30);
    expect(many.response.json().data.lessonCount).toBe(90);
    expect(few.queries).toBeGreaterThan(0);
    expect(many.queries).toBe(few.queries);
    expect(many.queries).toBeLessThanOrEqual(5);

    // Cached: a published course's detail, its access check included, costs no query.
    const again = await countQueries(t, (requestId) =>
      api.get(`/courses/${thirty}?${FULL}`, undefined, { 'x-request-id': requestId }),
    );
    expect(again.response.json().data).toEqual(many.response.json().data);
    expect(again.queries).toBe(0);
  });
});
