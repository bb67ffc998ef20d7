import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { courseInstructors, courseReviews, courses, courseTags } from '#modules/catalog/tables.js';
import { createUser } from '#platform/users/index.js';
import {
  insertCategory,
  insertCourse,
  insertLesson,
  insertPublishedCourse,
  insertSection,
} from '../helpers/catalog-factories.js';
import { UNKNOWN_ID, useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { createUserAndLogin, expectError, type TestUser } from '../helpers/factories.js';
import { ids } from './courses-helpers.js';

const { t, api, staff, owner, otherInstructor, learner } = useCatalogTestApp({
  staff: 'staff',
  owner: { role: 'instructor', name: 'Olive Owner' },
  otherInstructor: { role: 'instructor', name: 'Ivan Other' },
  learner: 'learner',
});

const db = () => t.database.db;
const addTags = (courseId: string, tags: string[]) =>
  db()
    .insert(courseTags)
    .values(tags.map((tag) => ({ courseId, tag })));
const softDelete = (courseId: string) =>
  db().update(courses).set({ deletedAt: new Date() }).where(eq(courses.id, courseId));

let reviewers: string[] = [];
async function addReviews(courseId: string, ratings: number[]) {
  while (reviewers.length < ratings.length) {
    const user = await createUser(db(), {
      email: `reviewer-${reviewers.length}-${Date.now()}@example.org`,
      password: 'Tr0ub4dor&3-horse',
      name: 'Reviewer',
      roles: ['learner'],
    });
    reviewers = [...reviewers, user.id];
  }
  await db()
    .insert(courseReviews)
    .values(ratings.map((rating, i) => ({ courseId, userId: reviewers[i]!, rating })));
}

/** Follows `meta.nextCursor` to the end and returns every id, checking the Link header. */
async function walk(url: string, user?: TestUser) {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const res = await api.get(cursor ? `${url}&cursor=${encodeURIComponent(cursor)}` : url, user);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    seen.push(...body.data.map((c: { id: string }) => c.id));
    cursor = body.meta.nextCursor;
    if (!cursor) {
      expect(res.headers.link).toBeUndefined();
      return seen;
    }
    expect(res.headers.link).toContain(`cursor=${cursor}`);
    expect(res.headers.link).toContain('rel="next"');
  }
  throw new Error('too many pages');
}

describe('GET /api/v1/courses', () => {
  it('should list only published, live courses, newest first, as course DTOs', async () => {
    const category = await insertCategory(t, 'Latin Studies');
    const older = await insertPublishedCourse(t, owner.id, {
      language: 'la',
      categoryId: category.id,
      title: 'Older Latin',
    });
    const newer = await insertCourse(t, { ownerId: owner.id, language: 'la', status: 'published' });
    await addTags(older.course.id, ['grammar', 'ancient']);
    await insertCourse(t, { ownerId: owner.id, language: 'la', status: 'draft' });
    await insertCourse(t, { ownerId: owner.id, language: 'la', status: 'archived' });
    const deleted = await insertCourse(t, {
      ownerId: owner.id,
      language: 'la',
      status: 'published',
    });
    await softDelete(deleted.id);

    const res = await api.get('/courses?language=la');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.ok).toBe(true);
    expect(ids(res)).toEqual([newer.id, older.course.id]);
    expect(body.meta).toEqual({ nextCursor: null, limit: 20 });
    const dto = body.data[1];
    expect(Object.keys(dto).sort()).toEqual(
      [
        'id',
        'slug',
        'title',
        'summary',
        'description',
        'category',
        'level',
        'language',
        'tags',
        'status',
        'publishedAt',
        'version',
        'coverFileId',
        'createdAt',
        'updatedAt',
        'rating',
        'lessonCount',
        'totalDurationSeconds',
      ].sort(),
    );
    expect(dto).toMatchObject({
      id: older.course.id,
      slug: older.course.slug,
      title: 'Older Latin',
      category: { id: category.id, slug: category.slug, name: 'Latin Studies' },
      tags: ['ancient', 'grammar'],
      status: 'published',
      version: 1,
      rating: { average: null, count: 0 },
      lessonCount: 1,
      totalDurationSeconds: 600,
    });
    expect(dto.publishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(JSON.stringify(body)).not.toMatch(/searchVector|deletedAt|createdBy|search_vector/);
  });

  it('should search titles, summaries and descriptions, best matches first', async () => {
    const inTitle = await insertCourse(t, {
      ownerId: owner.id,
      status: 'published',
      title: 'Geometric optics',
      summary: 'Rays and lenses.',
      language: 'el',
    });
    const inSummary = await insertCourse(t, {
      ownerId: owner.id,
      status: 'published',
      title: 'Physics of light',
      summary: 'Waves, and some optics.',
      language: 'el',
    });
    await insertCourse(t, {
      ownerId: owner.id,
      status: 'published',
      title: 'Baking bread',
      summary: 'Flour, water, salt.',
      language: 'el',
    });
    await insertCourse(t, {
      ownerId: owner.id,
      status: 'draft',
      title: 'Draft optics',
      language: 'el',
    });
    const res = await api.get('/courses?language=el&q=optics');
    expect(ids(res)).toEqual([inTitle.id, inSummary.id]);
    const stemmed = await api.get('/courses?language=el&q=ray');
    expect(ids(stemmed)).toEqual([inTitle.id]);
    const excluded = await api.get(`/courses?language=el&q=${encodeURIComponent('optics -rays')}`);
    expect(ids(excluded)).toEqual([inSummary.id]);
    expect(ids(await api.get('/courses?language=el&q=zebra'))).toEqual([]);
  });

  it('should filter by category, level, tag, instructor and language', async () => {
    const physics = await insertCategory(t, 'Physics Filters');
    const a = await insertCourse(t, {
      ownerId: owner.id,
      status: 'published',
      categoryId: physics.id,
      level: 'advanced',
      language: 'fi',
    });
    const b = await insertCourse(t, {
      ownerId: otherInstructor.id,
      status: 'published',
      level: 'beginner',
      language: 'fi',
    });
    await addTags(b.id, ['lab']);
    expect(ids(await api.get(`/courses?language=fi&category=${physics.slug}`))).toEqual([a.id]);
    expect(ids(await api.get('/courses?language=fi&category=no-such-category'))).toEqual([]);
    expect(ids(await api.get('/courses?language=fi&level=advanced'))).toEqual([a.id]);
    expect(ids(await api.get('/courses?language=fi&tag=LAB'))).toEqual([b.id]);
    expect(ids(await api.get(`/courses?language=fi&instructorId=${otherInstructor.id}`))).toEqual([
      b.id,
    ]);
    expect(ids(await api.get('/courses?language=fi')).sort()).toEqual([a.id, b.id].sort());
  });

  it('should sort by title and by rating', async () => {
    const zeta = await insertCourse(t, {
      ownerId: owner.id,
      status: 'published',
      title: 'zeta',
      language: 'sv',
    });
    const alpha = await insertCourse(t, {
      ownerId: owner.id,
      status: 'published',
      title: 'Alpha',
      language: 'sv',
    });
    const mid = await insertCourse(t, {
      ownerId: owner.id,
      status: 'published',
      title: 'Mu',
      language: 'sv',
    });
    await addReviews(zeta.id, [5, 4]);
    await addReviews(mid.id, [3]);
    expect(ids(await api.get('/courses?language=sv&sort=title'))).toEqual([
      alpha.id,
      mid.id,
      zeta.id,
    ]);
    const byRating = await api.get('/courses?language=sv&sort=rating');
    expect(ids(byRating)).toEqual([zeta.id, mid.id, alpha.id]);
    expect(byRating.json().data[0].rating).toEqual({ average: 4.5, count: 2 });
  });

  it('should paginate every sort without gaps or repeats, ties included', async () => {
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      const course = await insertCourse(t, {
        ownerId: owner.id,
        status: 'published',
        // Equal titles, ratings and ranks: only the id tells these apart.
        title: i < 4 ? 'Same title about pagination' : `Pagination ${i}`,
        language: 'pt',
      });
      made.push(course.id);
    }
    await addReviews(made[5]!, [2]);
    await addReviews(made[6]!, [2]);
    for (const query of ['sort=newest', 'sort=title', 'sort=rating', 'q=pagination']) {
      const everything = ids(await api.get(`/courses?language=pt&${query}&limit=100`));
      expect(everything.sort()).toEqual([...made].sort());
      const inOrder = ids(await api.get(`/courses?language=pt&${query}&limit=100`));
      expect(await walk(`/courses?language=pt&${query}&limit=2`)).toEqual(inOrder);
    }
  });

  it('should include sections, lessons and instructors without lesson content', async () => {
    const { course, section } = await insertPublishedCourse(t, owner.id, { language: 'cy' });
    await insertLesson(t, section, { title: 'Second', position: 1, kind: 'text' });
    const week2 = await insertSection(t, course.id, 1, 'Week 2');
    await db().insert(courseInstructors).values({
      courseId: course.id,
      userId: otherInstructor.id,
      role: 'co_instructor',
    });
    const res = await api.get('/courses?language=cy&include=lessons,instructors');
    expect(res.statusCode).toBe(200);
    const [dto] = res.json().data;
    expect(dto.sections.map((s: { id: string }) => s.id)).toEqual([section.id, week2.id]);
    expect(dto.sections[0].lessons.map((l: { title: string }) => l.title)).toEqual([
      'Lesson',
      'Second',
    ]);
    expect(dto.sections[0].lessons[0]).toEqual({
      id: expect.any(String),
      title: 'Lesson',
      kind: 'video',
      position: 0,
      durationSeconds: 600,
      freePreview: false,
    });
    expect(dto.sections[1].lessons).toEqual([]);
    expect(dto.instructors).toEqual([
      { userId: owner.id, name: 'Olive Owner', role: 'owner' },
      { userId: otherInstructor.id, name: 'Ivan Other', role: 'co_instructor' },
    ]);
    expect(res.body).not.toMatch(/videoUrl|video_url|transcript|"body"|fileId/);
    const sectionsOnly = (await api.get('/courses?language=cy&include=sections')).json().data[0];
    expect(sectionsOnly.sections[0]).not.toHaveProperty('lessons');
    expect(sectionsOnly).not.toHaveProperty('instructors');
  });

  it('should let staff list other statuses and instructors their own courses', async () => {
    const draft = await insertCourse(t, { ownerId: owner.id, status: 'draft', language: 'eu' });
    const archived = await insertCourse(t, {
      ownerId: otherInstructor.id,
      status: 'archived',
      language: 'eu',
    });
    const published = await insertCourse(t, {
      ownerId: otherInstructor.id,
      status: 'published',
      language: 'eu',
    });
    expect(ids(await api.get('/courses?language=eu&status=draft', staff))).toEqual([draft.id]);
    expect(ids(await api.get('/courses?language=eu&status=all', staff)).sort()).toEqual(
      [draft.id, archived.id, published.id].sort(),
    );
    expect(ids(await api.get('/courses?language=eu&mine=true', owner))).toEqual([draft.id]);
    expect(ids(await api.get('/courses?language=eu&mine=true', otherInstructor)).sort()).toEqual(
      [archived.id, published.id].sort(),
    );
    expect(
      ids(await api.get('/courses?language=eu&mine=true&status=archived', otherInstructor)),
    ).toEqual([archived.id]);
  });

  it('should refuse other statuses and mine to those who may not see them', async () => {
    expectError(await api.get('/courses?status=draft'), 401, 'UNAUTHORIZED');
    expectError(await api.get('/courses?status=draft', learner), 403, 'PERMISSION_DENIED');
    expectError(await api.get('/courses?status=all', owner), 403, 'PERMISSION_DENIED');
    expectError(await api.get('/courses?mine=true'), 401, 'UNAUTHORIZED');
    expectError(await api.get('/courses?mine=true', learner), 403, 'PERMISSION_DENIED');
    expect((await api.get('/courses?status=published', learner)).statusCode).toBe(200);
  });

  it('should answer 400 for bad parameters and cursors', async () => {
    const bad = expectError(
      await api.get('/courses?level=expert&limit=0&sort=random&include=videos&instructorId=1'),
      400,
      'VALIDATION_FAILED',
    );
    expect(bad.details?.map((d) => d.path)).toEqual(
      expect.arrayContaining([
        '/querystring/level',
        '/querystring/limit',
        '/querystring/sort',
        '/querystring/include',
        '/querystring/instructorId',
      ]),
    );
    expectError(await api.get('/courses?sort=relevance'), 400, 'VALIDATION_FAILED');
    expectError(await api.get('/courses?cursor=garbage'), 400, 'INVALID_CURSOR');
    expectError(await api.get('/courses?unknown=1'), 400, 'VALIDATION_FAILED');
    const page = await api.get('/courses?limit=1&sort=title');
    const cursor = page.json().meta.nextCursor;
    expect(cursor).toEqual(expect.any(String));
    expectError(
      await api.get(`/courses?limit=1&sort=newest&cursor=${cursor}`),
      400,
      'INVALID_CURSOR',
    );
  });
});

describe('GET /api/v1/courses/:idOrSlug', () => {
  it('should find a published course by id or slug, with its version as ETag', async () => {
    const { course } = await insertPublishedCourse(t, owner.id, { slug: 'find-me-by-slug' });
    await addReviews(course.id, [5, 4, 4]);
    const byId = await api.get(`/courses/${course.id}`);
    expect(byId.statusCode).toBe(200);
    expect(byId.json().data).toMatchObject({
      id: course.id,
      slug: 'find-me-by-slug',
      rating: { average: 4.33, count: 3 },
      lessonCount: 1,
    });
    expect(byId.json().data).not.toHaveProperty('sections');
    const etag = byId.headers.etag as string;
    expect(etag).toBe(`"${byId.json().data.version}"`);
    const bySlug = await api.get('/courses/find-me-by-slug');
    expect(bySlug.json().data.id).toBe(course.id);
    const cached = await api.get(`/courses/${course.id}`, undefined, { 'if-none-match': etag });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe('');
  });

  it('should answer a cached detail with the same JSON body, headers and schema as the first read', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    const first = await api.get(`/courses/${course.id}?include=sections,lessons`);
    const hit = await api.get(`/courses/${course.id}?include=sections,lessons`);
    expect(hit.statusCode).toBe(200);
    expect(hit.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(hit.headers.etag).toBe(first.headers.etag);
    expect(hit.body).toBe(first.body);
    // The outline is there, and what the response schema leaves out (lesson content) is not.
    const lessons = hit.json().data.sections.flatMap((s: { lessons: object[] }) => s.lessons);
    expect(lessons.length).toBeGreaterThan(0);
    for (const lesson of lessons) expect(lesson).not.toHaveProperty('content');
    // Another include is another cached body.
    const plain = await api.get(`/courses/${course.id}`);
    expect(plain.json().data).not.toHaveProperty('sections');
    expect(plain.headers.etag).toBe(first.headers.etag);
  });

  it('should move the version, and so the ETag, when a review changes the rating', async () => {
    const { course } = await insertPublishedCourse(t, owner.id);
    const before = await api.get(`/courses/${course.id}`);
    const reviewer = await createUserAndLogin(t, ['learner']);
    expect((await api.send('POST', `/courses/${course.id}/enrol`, reviewer)).statusCode).toBe(201);
    const review = await api.send('PUT', `/courses/${course.id}/review`, reviewer, { rating: 2 });
    expect(review.statusCode).toBe(201);
    const after = await api.get(`/courses/${course.id}`, undefined, {
      'if-none-match': before.headers.etag as string,
    });
    expect(after.statusCode).toBe(200);
    expect(after.json().data.version).toBe(before.json().data.version + 1);
    expect(after.headers.etag).toBe(`"${after.json().data.version}"`);
    expect(after.json().data.rating).toEqual({ average: 2, count: 1 });
  });

  it('should include the outline and instructors, with the same version ETag', async () => {
    const { course, section } = await insertPublishedCourse(t, owner.id);
    const later = await insertSection(t, course.id, 1, 'Later');
    await insertLesson(t, later, { title: 'Reading', kind: 'text', durationSeconds: 120 });
    const res = await api.get(`/courses/${course.id}?include=sections,lessons,instructors`);
    expect(res.statusCode).toBe(200);
    const dto = res.json().data;
    expect(dto.totalDurationSeconds).toBe(720);
    expect(dto.sections.map((s: { id: string }) => s.id)).toEqual([section.id, later.id]);
    expect(dto.sections[1].lessons).toEqual([
      expect.objectContaining({ title: 'Reading', kind: 'text', durationSeconds: 120 }),
    ]);
    expect(dto.instructors).toEqual([{ userId: owner.id, name: 'Olive Owner', role: 'owner' }]);
    expect(res.body).not.toMatch(/videoUrl|transcript/);
    expect(res.headers.etag).toBe(`"${dto.version}"`);
    const again = await api.get(
      `/courses/${course.id}?include=sections,lessons,instructors`,
      undefined,
      {
        'if-none-match': res.headers.etag as string,
      },
    );
    expect(again.statusCode).toBe(304);
  });

  it('should show drafts only to their instructors and staff, 404 to everyone else', async () => {
    const draft = await insertCourse(t, { ownerId: owner.id, status: 'draft' });
    expect((await api.get(`/courses/${draft.id}`, owner)).statusCode).toBe(200);
    expect((await api.get(`/courses/${draft.slug}`, owner)).statusCode).toBe(200);
    expect((await api.get(`/courses/${draft.id}`, staff)).json().data.status).toBe('draft');
    // Exactly what an unknown course answers: no oracle telling strangers that a draft exists.
    const unknown = expectError(await api.get(`/courses/${UNKNOWN_ID}`), 404, 'COURSE_NOT_FOUND');
    for (const ref of [draft.id, draft.slug])
      for (const user of [undefined, learner, otherInstructor])
        expect(
          expectError(await api.get(`/courses/${ref}`, user), 404, 'COURSE_NOT_FOUND'),
        ).toEqual(unknown);
  });

  it('should answer 404 for unknown and deleted courses, 400 for a bad include', async () => {
    expectError(await api.get(`/courses/${UNKNOWN_ID}`), 404, 'COURSE_NOT_FOUND');
    expectError(await api.get('/courses/no-such-course'), 404, 'COURSE_NOT_FOUND');
    const { course } = await insertPublishedCourse(t, owner.id);
    await softDelete(course.id);
    expectError(await api.get(`/courses/${course.id}`, staff), 404, 'COURSE_NOT_FOUND');
    expectError(
      await api.get(`/courses/${course.slug}?include=everything`),
      400,
      'VALIDATION_FAILED',
    );
  });
});
