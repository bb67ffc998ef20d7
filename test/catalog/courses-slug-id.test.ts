import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { courseInstructors, courses } from '#modules/catalog/tables.js';
import { isUuid } from '#platform/db/index.js';
import { insertCourse, insertSection } from '../helpers/catalog-factories.js';
import { useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { countRows, expectError } from '../helpers/factories.js';

const { t, api, owner, attacker } = useCatalogTestApp({
  owner: 'instructor',
  attacker: 'instructor',
});

const rowOf = async (id: string) =>
  (await t.database.db.select().from(courses).where(eq(courses.id, id)))[0]!;
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

describe('course slugs shaped like UUIDs', () => {
  it('should refuse them on create, naming /body/slug, and create nothing', async () => {
    const before = await countRows(t, 'courses');
    const error = expectError(
      await api.post('/courses', owner, { title: 'Shadow', slug: randomUUID() }),
      400,
      'VALIDATION_FAILED',
    );
    expect(error.details?.[0]?.path).toBe('/body/slug');
    expect(await countRows(t, 'courses')).toBe(before);
  });

  it('should refuse them on update, naming /body/slug, and change nothing', async () => {
    const course = await insertCourse(t, { ownerId: owner.id });
    const error = expectError(
      await api.patch(`/courses/${course.id}`, owner, { slug: randomUUID() }, ifMatch(1)),
      400,
      'VALIDATION_FAILED',
    );
    expect(error.details?.[0]?.path).toBe('/body/slug');
    expect(await rowOf(course.id)).toMatchObject({ slug: course.slug, version: 1 });
  });

  it('should never generate one from a title that is a UUID', async () => {
    const title = randomUUID();
    const res = await api.post('/courses', owner, { title });
    expect(res.statusCode).toBe(201);
    const { slug } = res.json().data;
    expect(isUuid(slug)).toBe(false);
    expect(slug).toBe(`course-${title}`);
  });
});

describe('resolving a course by id or slug', () => {
  /**
   * A course stored before UUID-shaped slugs were refused, whose slug is the id of another
   * course: inserted first, so that a lookup by `id = x OR slug = x` would find it first.
   */
  async function shadowedCourse() {
    const victimId = randomUUID();
    const shadow = await insertCourse(t, { ownerId: attacker.id, slug: victimId, title: 'Shadow' });
    const [victim] = await t.database.db
      .insert(courses)
      .values({
        id: victimId,
        title: 'Victim',
        slug: `victim-${randomUUID().slice(0, 8)}`,
        summary: 'The real course.',
        status: 'published',
        publishedAt: new Date(),
        createdBy: owner.id,
        updatedBy: owner.id,
      })
      .returning();
    await t.database.db
      .insert(courseInstructors)
      .values({ courseId: victimId, userId: owner.id, role: 'owner' });
    await insertSection(t, victimId, 0, 'Victim week');
    return { shadow, victim: victim! };
  }

  it('should take a UUID only as an id, never as another course slug', async () => {
    const { shadow, victim } = await shadowedCourse();
    const detail = await api.get(`/courses/${victim.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().data).toMatchObject({ id: victim.id, title: 'Victim' });
    const sections = await api.get(`/courses/${victim.id}/sections`);
    expect(sections.statusCode).toBe(200);
    expect(JSON.stringify(sections.json().data)).toContain('Victim week');
    // The shadowing course is still reachable, by its own id.
    expect((await api.get(`/courses/${shadow.id}`, attacker)).json().data.title).toBe('Shadow');
  });

  it('should not let the owner of the shadowing course write to the real one', async () => {
    const { shadow, victim } = await shadowedCourse();
    expectError(
      await api.patch(`/courses/${victim.id}`, attacker, { title: 'Taken over' }, ifMatch(1)),
      403,
      'NOT_COURSE_INSTRUCTOR',
    );
    expect(await rowOf(victim.id)).toMatchObject({ title: 'Victim', version: 1 });
    expect(await rowOf(shadow.id)).toMatchObject({ title: 'Shadow', version: 1 });
    const own = await api.patch(`/courses/${victim.id}`, owner, { title: 'Renamed' }, ifMatch(1));
    expect(own.statusCode).toBe(200);
    expect(await rowOf(victim.id)).toMatchObject({ title: 'Renamed', version: 2 });
  });
});
