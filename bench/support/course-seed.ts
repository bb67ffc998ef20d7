// Published courses written straight into the catalog's tables, for the benchmarks that read them.

import { inArray } from 'drizzle-orm';
import {
  categories,
  courseInstructors,
  courseSections,
  courses,
  courseTags,
  lessons,
} from '#modules/catalog/tables.js';
import type { Database } from '#platform/db/index.js';
import { newId } from '#platform/db/index.js';
import { CATEGORY_NAMES, createCorpus } from './catalog-corpus.js';

const BATCH = 500;

/** Writes `total` published courses in transactions of `BATCH`; returns their ids in order. */
export async function insertCourses(
  db: Database,
  ownerId: string,
  total: number,
): Promise<string[]> {
  const next = createCorpus();
  const now = Date.now();
  // A database used by an earlier run (DATABASE_URL) already has the categories and the slugs.
  const slugOf = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  await db
    .insert(categories)
    .values(
      CATEGORY_NAMES.map((name, position) => ({ id: newId(), name, slug: slugOf(name), position })),
    )
    .onConflictDoNothing();
  const existing = await db
    .select({ id: categories.id, slug: categories.slug })
    .from(categories)
    .where(inArray(categories.slug, CATEGORY_NAMES.map(slugOf)));
  const idBySlug = new Map(existing.map((c) => [c.slug, c.id]));
  const categoryIds = CATEGORY_NAMES.map((name) => idBySlug.get(slugOf(name))!);
  const run = now.toString(36);
  const ids: string[] = [];
  for (let start = 0; start < total; start += BATCH) {
    const courseRows: (typeof courses.$inferInsert)[] = [];
    const tagRows: (typeof courseTags.$inferInsert)[] = [];
    const ownerRows: (typeof courseInstructors.$inferInsert)[] = [];
    const sectionRows: (typeof courseSections.$inferInsert)[] = [];
    const lessonRows: (typeof lessons.$inferInsert)[] = [];
    for (let i = start; i < Math.min(total, start + BATCH); i++) {
      const course = next(i);
      const id = newId();
      const sectionId = newId();
      ids.push(id);
      // Spread over the last year, so `newest` and the cursors see distinct dates.
      const publishedAt = new Date(now - (total - i) * 3_000);
      courseRows.push({
        id,
        slug: `${course.slug}-${run}`,
        title: course.title,
        summary: course.summary,
        description: course.description,
        categoryId: categoryIds[course.topic],
        level: course.level,
        language: course.language,
        status: 'published',
        publishedAt,
        createdBy: ownerId,
        updatedBy: ownerId,
      });
      for (const tag of course.tags) tagRows.push({ courseId: id, tag });
      ownerRows.push({ courseId: id, userId: ownerId, role: 'owner' });
      sectionRows.push({ id: sectionId, courseId: id, title: 'Getting started', position: 0 });
      lessonRows.push(
        ...course.lessons.map((lesson, position) => ({
          ...lesson,
          courseId: id,
          sectionId,
          position,
          freePreview: position === 0,
        })),
      );
    }
    await db.transaction(async (tx) => {
      await tx.insert(courses).values(courseRows);
      await tx.insert(courseTags).values(tagRows);
      await tx.insert(courseInstructors).values(ownerRows);
      await tx.insert(courseSections).values(sectionRows);
      await tx.insert(lessons).values(lessonRows);
    });
  }
  return ids;
}
